# The module keeps its own Azure.Core in a private load context, so it works in a process where another module
# (Az.Accounts does this) already loaded a different Azure.Core. Each case runs in a fresh pwsh process.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $root = Resolve-Path "$PSScriptRoot/../.."
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $oldVersion = ([xml](Get-Content "$root/Directory.Packages.props" -Raw)).SelectSingleNode('//OldAzureCoreVersion').InnerText
    $oldAzureCore = Join-Path $packages "azure.core/$oldVersion/lib/netstandard2.0/Azure.Core.dll"
    $scenario = Get-EmulatorScenario
    $tenant = $scenario.azure.tenants[0]
    $app = $tenant.apps | Where-Object secret | Select-Object -First 1

    # Runs a script in a new pwsh (the one running this suite) and returns what it wrote as JSON.
    function Invoke-FreshPwsh([string] $Script, [hashtable] $Arguments) {
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "astro-isolation-$([guid]::NewGuid()).ps1"
        $argsFile = "$file.json"
        Set-Content -Path $file -Value "param([string] `$ArgsPath)`n`$a = Get-Content `$ArgsPath -Raw | ConvertFrom-Json`n$Script"
        $Arguments | ConvertTo-Json | Set-Content -Path $argsFile
        try {
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $file -ArgsPath $argsFile 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            ($output | Where-Object { $_ -is [string] -and $_.StartsWith('RESULT ') }) -replace '^RESULT ', '' | ConvertFrom-Json
        }
        finally { Remove-Item $file, $argsFile -ErrorAction SilentlyContinue }
    }
    $common = @{
        Module       = $env:ASTRO_TEST_MODULE
        Emulator     = Get-EmulatorUrl
        OldAzureCore = $oldAzureCore
        TenantId     = $tenant.id
        ClientId     = $app.clientId
        Secret       = $app.secret
    }
    Reset-Emulator
}

Describe 'Dependency isolation' {
    It 'finds the older Azure.Core the test needs' {
        $oldAzureCore | Should -Exist
        [System.Reflection.AssemblyName]::GetAssemblyName($oldAzureCore).Version |
            Should -Not -Be ([System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Split-Path $env:ASTRO_TEST_MODULE) 'Dependencies/Azure.Core.dll')).Version)
    }

    It 'works after another Azure.Core was loaded first, and both versions stay loaded' {
        $result = Invoke-FreshPwsh -Arguments $common -Script @'
$ErrorActionPreference = 'Stop'
Add-Type -Path $a.OldAzureCore
Import-Module $a.Module
Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-test-token' -AsPlainText -Force) -OrganizationId 'org-test' -ApiUrl "$($a.Emulator)v1" | Out-Null
$deployment = Get-AstroDeployment -Name etl
$secret = ConvertTo-SecureString $a.Secret -AsPlainText -Force
$azure = Connect-AstroAzure -TenantId $a.TenantId -ClientId $a.ClientId -ClientSecret $secret -Environment Custom `
    -ResourceManagerUrl $a.Emulator -GraphUrl "$($a.Emulator)graph/" -AuthorityHost $a.Emulator
$cores = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Azure.Core' } | ForEach-Object {
    @{ Version = $_.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name; Location = $_.Location }
}
'RESULT ' + (@{ Deployment = $deployment.Name; Tenant = $azure.TenantId; AzureCore = @($cores) } | ConvertTo-Json -Depth 4 -Compress)
'@
        $result.Deployment | Should -Be 'etl'
        $result.Tenant | Should -Be $tenant.id
        $versions = @($result.AzureCore.Version | Sort-Object -Unique)
        $versions.Count | Should -Be 2 -Because 'the old copy and the module''s own must both be loaded'
        ($result.AzureCore | Where-Object Location -EQ $oldAzureCore) | Should -Not -BeNullOrEmpty
        ($result.AzureCore | Where-Object { $_.Location -like '*Dependencies*' }) | Should -Not -BeNullOrEmpty
    }

    It 'can be removed and imported again in one process' {
        $result = Invoke-FreshPwsh -Arguments $common -Script @'
$ErrorActionPreference = 'Stop'
Import-Module $a.Module
Remove-Module Astro.Network
$gone = -not (Get-Command Get-AstroDeployment -ErrorAction SilentlyContinue)
Import-Module $a.Module
Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-test-token' -AsPlainText -Force) -OrganizationId 'org-test' -ApiUrl "$($a.Emulator)v1" | Out-Null
$names = @(Get-AstroDeployment -Name etl | Get-AstroExternalIp | ForEach-Object IpAddress)
$engines = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Astro.Network.Engine' }).Count
'RESULT ' + (@{ Gone = $gone; Ips = $names; Engines = $engines } | ConvertTo-Json -Compress)
'@
        $result.Gone | Should -BeTrue
        $want = (($scenario.astro.organizations | Where-Object id -EQ 'org-test').deployments | Where-Object name -EQ 'etl').externalIPs
        @($result.Ips | Sort-Object) | Should -Be @($want | Sort-Object)
        $result.Engines | Should -Be 1 -Because 're-importing must reuse the engine, not load a second copy'
    }
}
