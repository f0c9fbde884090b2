# Runs Microsoft's az CLI against the emulator: a custom cloud, a service-principal sign-in and JSON results.
# The runner sets AZURE_CONFIG_DIR (private), REQUESTS_CA_BUNDLE (the emulator's CA) and PYTHONPATH (sitecustomize.py).

# Runs az with JSON output and returns the parsed result; throws with az's error text when it exits non-zero.
# A value following -p/--password never appears in the message.
function Invoke-Az {
    $lines = & az @args --only-show-errors --output json 2>&1
    $exitCode = $LASTEXITCODE
    $errors = @($lines | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) -join "`n"
    $text = @($lines | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }) -join "`n"
    if ($exitCode -ne 0) {
        $shown = for ($i = 0; $i -lt $args.Count; $i++) {
            if ($i -gt 0 -and $args[$i - 1] -in '-p', '--password') { '***' } else { $args[$i] }
        }
        throw "az $($shown -join ' ') failed with exit code ${exitCode}: $errors"
    }
    if ($text.Trim()) { $text | ConvertFrom-Json -NoEnumerate }
}

# A custom cloud on the emulator: ARM at its root, Graph at {base}graph/ (az uses the Graph resource ID as its URL) and
# the authority at {base}adfs, the only authority form for which az and MSAL skip instance discovery.
function Register-EmulatorCloud {
    param([string] $EmulatorUrl, [string] $Name = 'AstroEmulator')
    $base = $EmulatorUrl.TrimEnd('/') + '/'
    $config = @{
        endpoints = @{
            resourceManager = $base
            activeDirectory = "${base}adfs"
            activeDirectoryResourceId = 'https://management.azure.com/'
            management = 'https://management.azure.com/'
            # Unused (AAD Graph is retired); set so that registering does not fetch cloud metadata from ARM.
            activeDirectoryGraphResourceId = 'https://graph.windows.net/'
            microsoftGraphResourceId = "${base}graph/"
        }
        # Used by az keyvault and az acr management commands too (they build the vault URI and login server from them).
        suffixes = @{ keyvaultDns = '.vault.azure.net'; acrLoginServerEndpoint = '.azurecr.io' }
    }
    $file = Join-Path $env:AZURE_CONFIG_DIR 'emulator-cloud.json'
    $config | ConvertTo-Json -Depth 3 | Set-Content -Path $file
    Invoke-Az cloud register --name $Name --cloud-config "@$file" --profile latest | Out-Null
    Invoke-Az cloud set --name $Name | Out-Null
}

function Connect-EmulatorAzureCli {
    param([string] $TenantId, [string] $ClientId, [string] $ClientSecret)
    Invoke-Az login --service-principal --username $ClientId --password $ClientSecret --tenant $TenantId
}

# az role assignment create does not wait for a new principal to replicate to ARM (PrincipalNotFound for a while
# after az ad sp create, as Azure documents); a user runs it again, and so does this.
function New-AzRoleAssignmentWithRetry {
    param([string] $Assignee, [string] $Role, [string] $Scope, [int] $Attempts = 6)
    for ($i = 1; ; $i++) {
        try { return Invoke-Az role assignment create --assignee $Assignee --role $Role --scope $Scope }
        catch {
            if ($i -ge $Attempts -or "$_" -notmatch 'PrincipalNotFound') { throw }
            Start-Sleep -Milliseconds 500
        }
    }
}

Export-ModuleMember -Function Invoke-Az, Register-EmulatorCloud, Connect-EmulatorAzureCli, New-AzRoleAssignmentWithRetry
