# How to try the module by hand against the demo scenario's emulator: shared by the Demo's last words and -Task Emulator.

# The fixed port -Task Emulator listens on, so the lines the Demo prints work as they are.
$DemoEmulatorPort = 47443

# The commands that sign in to the emulator's Astro and Azure (as the Demo does), for a pwsh prompt.
function Get-DemoSignIn {
    param([Parameter(Mandatory)] [string] $EmulatorUrl, [string] $ModulePath = './out/Astro.Network/Astro.Network.psd1')
    $url = $EmulatorUrl.TrimEnd('/')
    @(
        "Import-Module $ModulePath"
        "Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-demo-token' -AsPlainText -Force) -OrganizationId org-demo -ApiUrl $url/v1"
        "`$env:IDENTITY_ENDPOINT = '$url/msi/token'; `$env:IDENTITY_HEADER = 'demo-identity-header'   # the emulator's managed identity"
        "Connect-AstroAzure -Identity -Environment Custom -ResourceManagerUrl $url/ -GraphUrl $url/graph/ -AuthorityHost $url/"
        "Get-AstroDeployment -Name etl | Get-AstroExternalIp"
    )
}

# The block to paste, from the repository root: terminal 1 runs the emulator, terminal 2 a pwsh prompt signed in to it.
function Get-TryItBlock {
    param([int] $Port = $DemoEmulatorPort)
    $portArgument = if ($Port -eq $DemoEmulatorPort) { '' } else { " -Port $Port" }
    @(
        "dotnet pwsh ./build.ps1 -Task Emulator$portArgument   # terminal 1: the demo scenario on https://127.0.0.1:$Port/ until Ctrl+C"
        'SSL_CERT_FILE="$PWD/out/emulator/cert/emulator.pem" dotnet pwsh -NoExit -File ./out/emulator/SignIn.ps1   # terminal 2 (Linux): signed in at a PS> prompt'
    )
}
