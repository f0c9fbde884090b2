# The emulator scenario for one recording: the recording's tenant, subscriptions and resource groups, a caller that
# owns the subscriptions, the principals its role assignments name and the apps it instantiates. Resources come later,
# in step with the recording (Sync-RecordedState). The recording's names and subscription IDs are kept, so no ID needs
# mapping on the way back.

$script:CallerApp = @{ ClientId = 'c0f0c0f0-0000-4000-8000-00000000c011'; ObjectId = 'c0f0c0f0-0000-4000-8000-00000000c012'; Secret = 'conformance-caller-secret' }
$script:CallerAssignment = 'c0f0c0f0-0000-4000-8000-00000000c013'
$script:OwnerRole = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'

function New-ConformanceScenario {
    param($Exchanges)
    $tenant = Find-RecordedTenant $Exchanges
    $groups = @{}
    foreach ($x in $Exchanges | Where-Object Host -EQ 'management.azure.com') {
        if ($x.Path -match '^/subscriptions/([0-9a-fA-F-]{36})(?:/resourceGroups/([^/]+))?') {
            $sub = $Matches[1].ToLowerInvariant()
            if (-not $groups[$sub]) { $groups[$sub] = [ordered]@{} }
            if ($Matches[2]) { $groups[$sub][$Matches[2].ToLowerInvariant()] = $Matches[2] }
        }
    }
    $resources = [System.Collections.Generic.List[object]]::new()
    foreach ($sub in $groups.Keys) {
        $resources.Add(@{ id = "/subscriptions/$sub/providers/Microsoft.Authorization/roleAssignments/$script:CallerAssignment"; body = @{ properties = @{
                        roleDefinitionId = "/subscriptions/$sub/providers/Microsoft.Authorization/roleDefinitions/$script:OwnerRole"
                        principalId = $script:CallerApp.ObjectId; principalType = 'ServicePrincipal'; scope = "/subscriptions/$sub" } } })
    }
    $principals = @($Exchanges | Where-Object { $_.Scope -eq 'in-scope' -and $_.Method -eq 'PUT' -and $_.Path -match '/roleAssignments/' } |
            ForEach-Object { Get-Field (ConvertFrom-BodyJson $_.RequestBody) 'properties' 'principalId' } | Where-Object { $_ } | Sort-Object -Unique)
    $appIds = @($Exchanges | Where-Object { $_.Scope -eq 'in-scope' -and $_.Method -eq 'POST' -and $_.Path -match '/servicePrincipals$' } |
            ForEach-Object { Get-Field (ConvertFrom-BodyJson $_.RequestBody) 'appId' } | Where-Object { $_ })
    @{
        azure = @{
            tenants         = @(@{ id = $tenant; displayName = 'conformance'; apps = @(@{
                            clientId = $script:CallerApp.ClientId; objectId = $script:CallerApp.ObjectId; displayName = 'conformance-caller'
                            secret = $script:CallerApp.Secret; graphAppRoles = @('Application.ReadWrite.All') })
                    servicePrincipals = @($principals | ForEach-Object { @{ objectId = $_; appId = $_; displayName = "principal $_" } }) })
            multiTenantApps = @($appIds | ForEach-Object { @{ appId = $_; displayName = "app $_"; publisherTenantId = $tenant } })
            subscriptions   = @($groups.Keys | ForEach-Object { @{ subscriptionId = $_; tenantId = $tenant; displayName = $_
                        resourceGroups = @($groups[$_].Values | ForEach-Object { @{ name = $_; location = 'eastus' } }) } })
            resources       = @($resources)
            settings        = @{ lroPollsBeforeDone = 1; lroRetryAfterSeconds = 0; pageSize = 1000 }
        }
    }
}

function Find-RecordedTenant {
    param($Exchanges)
    foreach ($x in $Exchanges) {
        if ($x.ResponseBody -match '"tenantId"\s*:\s*"([0-9a-f-]{36})"') { return $Matches[1] }
    }
    '54826b22-38d6-4fb2-bad9-b7b93a3e9c5a'   # Microsoft's SDK test tenant, the one most recordings show
}

# Resource IDs on the way to each in-scope ARM path: every '{provider}/{type}/{name}' prefix (and the resource an
# extension resource such as a role assignment sits on).
function Get-TouchedResourceIds {
    param([string] $Path)
    $segments = $Path.Trim('/') -split '/'
    $ids = [System.Collections.Generic.List[string]]::new()
    $providers = -1
    for ($i = 0; $i -lt $segments.Count; $i++) {
        if ($segments[$i] -eq 'providers') { $providers = $i; continue }
        if ($providers -ge 0 -and $i -ge $providers + 3 -and (($i - $providers) % 2) -eq 1) { $ids.Add('/' + ($segments[0..$i] -join '/')) }
    }
    $ids
}

# The recording's client waited for each operation to end before going on, so a seed taken from a create's or an
# update's answer is at rest: its transitional provisioning states (here and in embedded children) read Succeeded.
function Set-AtRest {
    param($Node)
    if ($Node -is [hashtable]) {
        foreach ($key in @($Node.Keys)) {
            if ($key -eq 'provisioningState' -and $Node[$key] -in 'Creating', 'Created', 'Updating', 'Accepted', 'RegisteringDns', 'Provisioning', 'InProgress') { $Node[$key] = 'Succeeded' }
            else { [void](Set-AtRest $Node[$key]) }
        }
    }
    elseif ($Node -is [System.Collections.IList]) { foreach ($item in $Node) { [void](Set-AtRest $item) } }
    $Node
}
