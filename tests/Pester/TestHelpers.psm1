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
    # Enumerated on purpose: callers wrap the call in @() to count.
    $log = Invoke-RestMethod -Method Get -Uri "$script:Emulator/_emulator/requests"
    if ($WritesOnly) { $log | Where-Object isWrite } else { $log }
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

function Connect-TestAzure {
    $scenario = Get-EmulatorScenario
    $tenant = $scenario.azure.tenants[0]
    $app = $tenant.apps | Where-Object secret | Select-Object -First 1
    $secret = ConvertTo-SecureString $app.secret -AsPlainText -Force
    Connect-AstroAzure -TenantId $tenant.id -ClientId $app.clientId -ClientSecret $secret -Environment Custom `
        -ResourceManagerUrl "$script:Emulator/" -GraphUrl "$script:Emulator/graph/" -AuthorityHost "$script:Emulator/"
}

# The first seeded resource of each ARM type (top-level IDs only), keyed by type.
function Get-SeededResource {
    param([string] $ResourceType)
    $pattern = '/providers/' + [regex]::Escape($ResourceType) + '/[^/]+$'
    (Get-EmulatorScenario).azure.resources | Where-Object { $_.id -match $pattern } | Select-Object -First 1 -ExpandProperty id
}

Export-ModuleMember -Function *
