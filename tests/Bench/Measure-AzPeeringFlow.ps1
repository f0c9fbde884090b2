# The seed's peering flow through Microsoft's az CLI, measured like the module's: az ad sp create, three
# az role assignment create (Network Contributor on the VNet, its resource group, the subscription), then one
# az role assignment delete of the three. Cloud registration and sign-in happen before the clock starts, as the module's
# Connect-AstroAzure does (with -IncludeSignIn az login is timed too). az keeps the client secret and tokens in plain
# text in its config folder: a private one, deleted afterwards. Returns the measured step, or $null when az is not installed.
param(
    [Parameter(Mandatory)] [string] $ConfigDirectory,
    [Parameter(Mandatory)] [string] $CaBundle,
    [Parameter(Mandatory)] [string] $VirtualNetworkId,
    [string] $AppId = 'a67e6057-7138-4f78-bbaf-fd9db7b8aab0',
    [string] $LogFile,
    [switch] $IncludeSignIn   # az login inside the measured time, as from a new shell
)
$ErrorActionPreference = 'Stop'
if (-not (Get-Command az -ErrorAction Ignore)) { return $null }
Import-Module (Join-Path $PSScriptRoot '../Interop/AzureCli.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

$variables = @{
    AZURE_CONFIG_DIR             = $ConfigDirectory
    REQUESTS_CA_BUNDLE           = $CaBundle
    PYTHONPATH                   = Join-Path $PSScriptRoot '../Interop/python'   # patches for Debian's packaging bugs
    AZURE_CORE_COLLECT_TELEMETRY = 'no'
    AZURE_CORE_SURVEY_MESSAGE    = 'no'
    AZURE_CORE_NO_COLOR          = 'yes'
}
$saved = @{}
foreach ($name in $variables.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $variables[$name]) }
if (Test-Path $ConfigDirectory) { Remove-Item $ConfigDirectory -Recurse -Force }
New-Item -ItemType Directory -Force $ConfigDirectory | Out-Null
try {
    $app = Get-TestApp
    $subscriptionId = ($VirtualNetworkId -split '/')[2]
    $resourceGroupId = ($VirtualNetworkId -split '/')[0..4] -join '/'
    $signIn = {
        Connect-EmulatorAzureCli -TenantId $app.tenantId -ClientId $app.clientId -ClientSecret $app.secret | Out-Null
        Invoke-Az account set --subscription $subscriptionId | Out-Null
    }
    Register-EmulatorCloud -EmulatorUrl (Get-EmulatorUrl)
    if (-not $IncludeSignIn) { & $signIn }
    Measure-BenchStep "az: $(if ($IncludeSignIn) { 'login, ' })sp create, 3 grants, delete" -LogFile $LogFile {
        if ($IncludeSignIn) { & $signIn }
        Invoke-Az ad sp create --id $AppId | Out-Null
        $ids = foreach ($scope in $VirtualNetworkId, $resourceGroupId, "/subscriptions/$subscriptionId") {
            (New-AzRoleAssignmentWithRetry -Assignee $AppId -Role 'Network Contributor' -Scope $scope).id
        }
        Invoke-Az role assignment delete --ids @ids | Out-Null
    }
}
finally {
    & az logout --only-show-errors 2>&1 | Out-Null
    Remove-Item $ConfigDirectory -Recurse -Force -ErrorAction SilentlyContinue
    foreach ($name in $variables.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
}
