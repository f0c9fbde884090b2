# Shared by the Pester suites: the emulator's control API and the module under test.
$script:Emulator = $env:ASTRO_TEST_EMULATOR.TrimEnd('/')

function Get-EmulatorUrl { "$script:Emulator/" }

function Reset-Emulator {
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/reset" | Out-Null
    Invoke-RestMethod -Method Delete -Uri "$script:Emulator/_emulator/requests" | Out-Null
    Invoke-RestMethod -Method Delete -Uri "$script:Emulator/_emulator/faults" | Out-Null
}

function Get-EmulatorRequest {
    param([switch] $WritesOnly)
    $log = @(Invoke-RestMethod -Method Get -Uri "$script:Emulator/_emulator/requests")
    if ($WritesOnly) { $log = @($log | Where-Object isWrite) }
    , $log
}

function Add-EmulatorFault {
    param([hashtable] $Fault)
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/faults" -Body ($Fault | ConvertTo-Json -Depth 5) -ContentType 'application/json' | Out-Null
}

function Set-EmulatorClusterIp {
    param([string] $ClusterId, [string[]] $IpAddress)
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/astro/clusters/$ClusterId/external-ips" -Body (ConvertTo-Json @($IpAddress)) -ContentType 'application/json' | Out-Null
}

function Get-EmulatorScenario {
    Get-Content (Join-Path $PSScriptRoot '../Astro.Network.Emulator/Scenarios/test.json') -Raw | ConvertFrom-Json
}

function Connect-TestAstro {
    Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-test-token' -AsPlainText -Force) -OrganizationId 'org-test' -ApiUrl "$script:Emulator/v1"
}

Export-ModuleMember -Function *
