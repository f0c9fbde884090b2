# Runs tests/Interop/Interop.Tests.ps1 in this (fresh) process: az gets a private config folder, the emulator's CA and
# the packaging patches; writes a pass/fail summary. The config folder (az keeps the client secret and tokens there in
# plain text on Linux) is deleted afterwards.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $ConfigDirectory,
    [Parameter(Mandatory)] [string] $CaBundle
)
$ErrorActionPreference = 'Stop'
if (Test-Path $ConfigDirectory) { Remove-Item $ConfigDirectory -Recurse -Force }
New-Item -ItemType Directory -Force $ConfigDirectory | Out-Null
$env:AZURE_CONFIG_DIR = $ConfigDirectory
$env:REQUESTS_CA_BUNDLE = $CaBundle
$env:PYTHONPATH = Join-Path $PSScriptRoot 'python'
$env:AZURE_CORE_COLLECT_TELEMETRY = 'no'
$env:AZURE_CORE_SURVEY_MESSAGE = 'no'
$env:AZURE_CORE_NO_COLOR = 'yes'
try {
    Import-Module $PesterPath -Force
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $PSScriptRoot 'Interop.Tests.ps1'
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
    @{ Passed = $result.PassedCount; Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount } |
        ConvertTo-Json | Set-Content -Path $SummaryPath
    "Interop: {0} passed, {1} failed" -f $result.PassedCount, $result.FailedCount
}
finally {
    & az logout --only-show-errors 2>&1 | Out-Null
    Remove-Item $ConfigDirectory -Recurse -Force -ErrorAction SilentlyContinue
}
