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

# A resource as a scenario seed gives it ({ id, body }), written over any current one.
function Add-EmulatorSeed {
    param([string] $Id, [hashtable] $Body)
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/resources" -ContentType 'application/json' `
        -Body (@{ id = $Id; body = $Body } | ConvertTo-Json -Depth 10) | Out-Null
}

function Add-EmulatorFault {
    param([hashtable] $Fault)
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/faults" -Body ($Fault | ConvertTo-Json -Depth 10) -ContentType 'application/json' | Out-Null
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

# The scenario app to sign in as: the CI app (Owner) by default, or e.g. astro-network-readonly (Reader, no Graph rights).
function Get-TestApp {
    param([string] $DisplayName)
    $tenant = (Get-EmulatorScenario).azure.tenants[0]
    $apps = $tenant.apps | Where-Object secret
    if ($DisplayName) { $apps = $apps | Where-Object displayName -eq $DisplayName }
    $apps | Select-Object -First 1 | Add-Member -NotePropertyName tenantId -NotePropertyValue $tenant.id -PassThru
}

function Connect-TestAzure {
    param([string] $DisplayName)
    $app = Get-TestApp $DisplayName
    $tenant = @{ id = $app.tenantId }
    $secret = ConvertTo-SecureString $app.secret -AsPlainText -Force
    Connect-AstroAzure -TenantId $tenant.id -ClientId $app.clientId -ClientSecret $secret -Environment Custom `
        -ResourceManagerUrl "$script:Emulator/" -GraphUrl "$script:Emulator/graph/" -AuthorityHost "$script:Emulator/"
}

# A token straight from the emulator's Entra endpoint, for tests that arrange state through ARM or Graph themselves.
function Get-EmulatorToken {
    param([ValidateSet('arm', 'graph')] [string] $Resource = 'arm', [string] $DisplayName)
    $app = Get-TestApp $DisplayName
    $scope = if ($Resource -eq 'arm') { 'https://management.azure.com/.default' } else { 'https://graph.microsoft.com/.default' }
    $body = @{ grant_type = 'client_credentials'; client_id = $app.clientId; client_secret = $app.secret; scope = $scope }
    (Invoke-RestMethod -Method Post -Uri "$script:Emulator/$($app.tenantId)/oauth2/v2.0/token" -Body $body).access_token
}

# One ARM call as the CI app (outside the module), e.g. to arrange decoy role assignments or read state back.
function Invoke-EmulatorArm {
    param([string] $Method = 'Get', [string] $Path, [string] $ApiVersion = '2022-04-01', $Body)
    $sep = if ($Path.Contains('?')) { '&' } else { '?' }
    $request = @{ Method = $Method; Uri = "$script:Emulator$Path$($sep)api-version=$ApiVersion"; Headers = @{ Authorization = "Bearer $(Get-EmulatorToken)" } }
    if ($null -ne $Body) { $request.Body = ($Body | ConvertTo-Json -Depth 10); $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

# Every item of an ARM list (all pages), as the CI app sees it.
function Get-EmulatorArmList {
    param([string] $Path, [string] $ApiVersion = '2022-04-01')
    $page = Invoke-EmulatorArm -Path $Path -ApiVersion $ApiVersion
    while ($true) {
        $page.value
        if (-not $page.nextLink) { break }
        $page = Invoke-RestMethod -Uri ($page.nextLink -replace '^https://[^/]+', $script:Emulator) -Headers @{ Authorization = "Bearer $(Get-EmulatorToken)" }
    }
}

# Every role assignment at, above or below a scope (all pages), as ARM returns them.
function Get-EmulatorRoleAssignment {
    param([string] $Scope)
    Get-EmulatorArmList -Path "$Scope/providers/Microsoft.Authorization/roleAssignments"
}

# Plays Astronomer support: creates the peering from the Astro side (it needs the granted role), or removes Astro's side.
function Complete-EmulatorPeering {
    param([string] $ClusterId, [string] $VirtualNetworkId)
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/astro/clusters/$ClusterId/peerings" -ContentType 'application/json' `
        -Body (@{ virtualNetworkId = $VirtualNetworkId } | ConvertTo-Json)
}

function Remove-EmulatorPeering {
    param([string] $ClusterId, [string] $VirtualNetworkId)
    Invoke-RestMethod -Method Delete -Uri "$script:Emulator/_emulator/astro/clusters/$ClusterId/peerings?virtualNetworkId=$([uri]::EscapeDataString($VirtualNetworkId))" | Out-Null
}

# Plays Astronomer creating a private endpoint to a resource: a Pending connection appears on it.
function New-EmulatorPrivateEndpoint {
    param([string] $ResourceId, [string] $GroupId, [string] $ClusterId)
    $body = @{ resourceId = $ResourceId; groupId = $GroupId; clusterId = $ClusterId } | ConvertTo-Json
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/private-endpoints" -ContentType 'application/json' -Body $body
}

# Plays Astronomer support approving (or rejecting) the Remote Execution endpoints whose request names the cluster.
function Approve-EmulatorRemoteEndpoint {
    param([string] $ClusterId, [ValidateSet('approve', 'reject')] [string] $Decision = 'approve')
    Invoke-RestMethod -Method Post -Uri "$script:Emulator/_emulator/astro/clusters/$ClusterId/private-endpoints/$Decision"
}

function Clear-EmulatorRequest {
    Invoke-RestMethod -Method Delete -Uri "$script:Emulator/_emulator/requests" | Out-Null
}

# The first seeded resource of each ARM type (top-level IDs only), keyed by type.
function Get-SeededResource {
    param([string] $ResourceType)
    $pattern = '/providers/' + [regex]::Escape($ResourceType) + '/[^/]+$'
    (Get-EmulatorScenario).azure.resources | Where-Object { $_.id -match $pattern } | Select-Object -First 1 -ExpandProperty id
}

Export-ModuleMember -Function *
