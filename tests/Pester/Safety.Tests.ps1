# Safe on real Azure (issue 11 items 1, 2, 7): per type and state, the guard fires with its ErrorId and the emulator sees
# zero writes; -Force writes and warns where the module may; Test-AstroAllowlist answers "is Astro admitted" with a Reason.
BeforeDiscovery {
    $data = '/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-data/providers'
    # Resources whose entries would lock out everyone else (they admit every address today).
    $open = @(
        @{ Name = 'Cosmos DB with empty ipRules'; Id = "$data/Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-open" }
        @{ Name = 'Function app without access restrictions'; Id = "$data/Microsoft.Web/sites/func-contoso-hooks" }
        @{ Name = 'Event Hubs namespace without IP or VNet rules'; Id = "$data/Microsoft.EventHub/namespaces/evhns-contoso-open" }
        @{ Name = 'Azure Cache for Redis without firewall rules'; Id = "$data/Microsoft.Cache/redis/redis-contoso-open" }
        @{ Name = 'Event Grid topic without inbound IP rules'; Id = "$data/Microsoft.EventGrid/topics/egt-contoso-open" }
        @{ Name = 'Data Explorer cluster with an empty allowedIpRangeList'; Id = "$data/Microsoft.Kusto/clusters/kustocontosoopen" }
        @{ Name = 'Container app without IP restrictions'; Id = "$data/Microsoft.App/containerApps/ca-contoso-open" }
    )
    # Resources whose IP entries would have no effect: refused unless -Force, which writes and warns.
    $ignored = @(
        @{ Name = 'Storage with defaultAction Allow'; Id = "$data/Microsoft.Storage/storageAccounts/stcontosoallow01"; ErrorId = 'AllowlistDefaultActionAllow' }
        @{ Name = 'Storage with public access disabled'; Id = "$data/Microsoft.Storage/storageAccounts/stcontosonopub01"; ErrorId = 'AllowlistPublicAccessDisabled' }
        @{ Name = 'Key Vault with public access disabled'; Id = "$data/Microsoft.KeyVault/vaults/kv-contoso-closed"; ErrorId = 'AllowlistPublicAccessDisabled' }
        @{ Name = 'Synapse workspace with public access disabled'; Id = "$data/Microsoft.Synapse/workspaces/syn-contoso-closed"; ErrorId = 'AllowlistPublicAccessDisabled' }
        @{ Name = 'Redis cache with public access disabled'; Id = "$data/Microsoft.Cache/redis/redis-contoso-private"; ErrorId = 'AllowlistPublicAccessDisabled' }
        @{ Name = 'Event Grid domain with public access disabled'; Id = "$data/Microsoft.EventGrid/domains/egd-contoso-closed"; ErrorId = 'AllowlistPublicAccessDisabled' }
        @{ Name = 'AI Search service with public access disabled'; Id = "$data/Microsoft.Search/searchServices/srch-contoso-closed"; ErrorId = 'AllowlistPublicAccessDisabled' }
        @{ Name = 'Data Explorer cluster with public access disabled'; Id = "$data/Microsoft.Kusto/clusters/kustocontosoclosed"; ErrorId = 'AllowlistPublicAccessDisabled' }
        @{ Name = 'IP group no firewall uses'; Id = "$data/Microsoft.Network/ipGroups/ipg-contoso-unused"; ErrorId = 'IpGroupNotReferenced' }
    )
    # Resources on which Azure refuses the write: refused even with -Force.
    $refused = @(
        @{ Name = 'Container registry on Basic'; Id = "$data/Microsoft.ContainerRegistry/registries/acrcontosobuild"; ErrorId = 'AllowlistSkuNotSupported'; Fix = 'Premium' }
        @{ Name = 'Event Hubs namespace on Basic'; Id = "$data/Microsoft.EventHub/namespaces/evhns-contoso-basic"; ErrorId = 'AllowlistTierNotSupported'; Fix = 'Standard or Premium' }
        @{ Name = 'SQL server with public access disabled'; Id = "$data/Microsoft.Sql/servers/sql-contoso-private"; ErrorId = 'AllowlistPublicAccessDisabled'; Fix = 'enable-public-network' }
        @{ Name = 'PostgreSQL flexible server in private access'; Id = "$data/Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-private"; ErrorId = 'AllowlistPrivateAccessMode'; Fix = 'virtual network' }
        @{ Name = 'Private AKS cluster'; Id = "$data/Microsoft.ContainerService/managedClusters/aks-contoso-private"; ErrorId = 'AksPrivateClusterNotSupported'; Fix = 'virtual network' }
        @{ Name = 'AI Search service on the Free tier'; Id = "$data/Microsoft.Search/searchServices/srch-contoso-free"; ErrorId = 'AllowlistSkuNotSupported'; Fix = 'Basic tier' }
        @{ Name = 'Container app restricted by Deny rules'; Id = "$data/Microsoft.App/containerApps/ca-contoso-denylist"; ErrorId = 'ContainerAppDenyRules'; Fix = 'Allow rules' }
        @{ Name = 'Container app with internal ingress'; Id = "$data/Microsoft.App/containerApps/ca-contoso-internal"; ErrorId = 'AllowlistPrivateAccessMode'; Fix = 'virtual network' }
    )
}

BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
    $ip = '203.0.113.91'
    $etl = ((Get-EmulatorScenario).astro.organizations | Where-Object id -EQ 'org-test').deployments | Where-Object name -EQ 'etl'
    function Get-Write { @(Get-EmulatorRequest -WritesOnly) }
    # The first error is the refusal: its id, category, target and a message that says why (and how to fix it).
    function Assert-Refused($Errors, [string] $ErrorId, [string] $Target, [string] $Message, [string] $Category = 'InvalidOperation') {
        $Errors[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $Errors[0].CategoryInfo.Category | Should -Be $Category
        if ($Target) { $Errors[0].TargetObject | Should -Be $Target }
        $Errors[0].Exception.Message | Should -Match $Message
        Get-Write | Should -BeNullOrEmpty
    }
}

Describe 'Closing an open <Name>' -ForEach $open {
    BeforeAll { Reset-Emulator }
    BeforeEach { Clear-EmulatorRequest }

    It 'is reported as open and Test says Astro is admitted' {
        $t = Test-AstroAllowlist -ResourceId $Id -IpAddress $ip
        ($t.Allowed, $t.EffectiveAccess) | Should -Be @($true, 'Open')
        $t.Reason | Should -Match 'every address'
        Get-AstroAllowlist -ResourceId $Id -WarningVariable w -WarningAction SilentlyContinue | Out-Null
        $w | Should -Match ([regex]::Escape(($Id -split '/')[-1]))
    }

    It 'is refused with AllowlistWouldRestrictResource and no write' {
        Add-AstroAllowlist -ResourceId $Id -IpAddress $ip -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Refused $e 'AllowlistWouldRestrictResource' $Id 'lock out every other address'
    }

    It 'with -Force -WhatIf plans the lock-out and writes nothing' {
        $plan = Add-AstroAllowlist -ResourceId $Id -IpAddress $ip -Force -WhatIf -WarningAction SilentlyContinue
        ($plan.WhatIf, $plan.EffectiveAccessBefore, $plan.EffectiveAccess) | Should -Be @($true, 'Open', 'Restricted')
        Get-Write | Should -BeNullOrEmpty
    }

    It 'with -Force writes, warns that every other address is locked out, and the resource is restricted' {
        $c = Add-AstroAllowlist -ResourceId $Id -IpAddress $ip -Force -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue
        ($c.Changed, $c.EffectiveAccess) | Should -Be @($true, 'Restricted')
        ($w -join "`n") | Should -Match 'locked out'
        (Get-Write).Count | Should -BeGreaterThan 0
        (Test-AstroAllowlist -ResourceId $Id -IpAddress '198.51.100.250').Allowed | Should -BeFalse
    }
}

Describe 'Entries without effect on <Name>' -ForEach $ignored {
    BeforeAll { Reset-Emulator }
    BeforeEach { Clear-EmulatorRequest }

    It 'Test answers not allowed, with the reason' {
        $t = Test-AstroAllowlist -ResourceId $Id -IpAddress '198.51.100.7'
        ($t.Allowed, $t.EffectiveAccess) | Should -Be @($false, 'RulesIgnored')
        $t.Reason | Should -Match ([regex]::Escape(($Id -split '/')[-1]))
    }

    It "refuses with <ErrorId> and writes nothing" {
        Add-AstroAllowlist -ResourceId $Id -IpAddress $ip -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Refused $e $ErrorId $Id '-Force'
    }

    It 'with -Force writes and warns why the entry has no effect' {
        $c = Add-AstroAllowlist -ResourceId $Id -IpAddress $ip -Force -WarningVariable w -WarningAction SilentlyContinue
        ($c.Changed, $c.EffectiveAccess, $c.EffectiveAccessCause) | Should -Be @($true, 'RulesIgnored', $ErrorId)
        ($w -join "`n") | Should -Match 'no effect'
        (Test-AstroAllowlist -ResourceId $Id -IpAddress $ip).Allowed | Should -BeFalse
    }
}

Describe 'A write Azure refuses on <Name>' -ForEach $refused {
    BeforeAll { Reset-Emulator }
    BeforeEach { Clear-EmulatorRequest }

    It "is refused with <ErrorId>, the fix in the message, and no write, even with -Force" {
        foreach ($force in $false, $true) {
            Add-AstroAllowlist -ResourceId $Id -IpAddress $ip -Force:$force -Confirm:$false -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            Assert-Refused $e $ErrorId $Id "$([regex]::Escape(($Id -split '/')[-1])).*$Fix"
        }
    }

    It 'Test answers not allowed with the reason instead of failing' {
        $t = Test-AstroAllowlist -ResourceId $Id -IpAddress $ip -ErrorVariable e -ErrorAction SilentlyContinue
        $e | Should -BeNullOrEmpty
        ($t.Allowed, $t.EffectiveAccess) | Should -Be @($false, 'WriteRefused')
        $t.Reason | Should -Match $Fix
    }
}

Describe 'Storage in the Astro cluster''s own region' {
    BeforeAll {
        Reset-Emulator
        $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
    }
    BeforeEach { Clear-EmulatorRequest }

    It 'is refused with AllowlistSameRegion when the IPs come from a Deployment in that region' {
        Add-AstroAllowlist -ResourceId $storage -DeploymentId $etl.id -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Refused $e 'AllowlistSameRegion' $storage 'private endpoint'
        $t = Test-AstroAllowlist -ResourceId $storage -DeploymentId $etl.id
        ($t.Allowed, $t.EffectiveAccess) | Should -Be @($false, 'RulesIgnored')
    }

    It 'cannot know the region from bare IPs, so -IpAddress writes as before' {
        (Add-AstroAllowlist -ResourceId $storage -IpAddress $etl.externalIPs).Changed | Should -BeTrue
    }
}

Describe 'Emptying a list whose emptiness means open' {
    BeforeAll { Reset-Emulator }
    BeforeEach { Clear-EmulatorRequest }

    It 'refuses to remove the last IP rule of a Service Bus namespace without VNet rules' {
        $sb = Get-SeededResource 'Microsoft.ServiceBus/namespaces'
        Remove-AstroAllowlist -ResourceId $sb -IpAddress 203.0.113.0/24 -AdoptExisting -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Refused $e 'AllowlistWouldOpenResource' $sb 'sbns-contoso-events'
    }

    It 'refuses to remove the last firewall rule of a Redis cache, which would admit every address again' {
        $redis = (Get-EmulatorScenario).azure.resources.id | Where-Object { $_ -like '*/redis-contoso-open' }
        Add-AstroAllowlist -ResourceId $redis -IpAddress $ip -Force -Confirm:$false -WarningAction SilentlyContinue | Out-Null
        Clear-EmulatorRequest
        Remove-AstroAllowlist -ResourceId $redis -IpAddress $ip -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Refused $e 'AllowlistWouldOpenResource' $redis 'redis-contoso-open'
    }
}

Describe 'Private addresses where Azure sees Astro''s public egress' -ForEach @(
    @{ Type = 'Microsoft.Sql/servers' }, @{ Type = 'Microsoft.KeyVault/vaults' }, @{ Type = 'Microsoft.EventHub/namespaces' }
    @{ Type = 'Microsoft.Synapse/workspaces' }, @{ Type = 'Microsoft.Cache/redis' }, @{ Type = 'Microsoft.EventGrid/topics' }, @{ Type = 'Microsoft.Search/searchServices' }
    @{ Type = 'Microsoft.Kusto/clusters' }
) {
    It 'refuses 10.1.2.3 on <Type> with PrivateIpNotAllowed and no write' {
        Reset-Emulator
        Add-AstroAllowlist -ResourceId (Get-SeededResource $Type) -IpAddress 10.1.2.3 -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Refused $e 'PrivateIpNotAllowed' $null 'public egress' 'InvalidArgument'
    }
}

Describe 'An IP group used by a firewall and a firewall policy' {
    BeforeAll { Reset-Emulator }

    It 'says that the entry reaches every rule that names the group, and keeps the private range already there' {
        $id = (Get-EmulatorScenario).azure.resources.id | Where-Object { $_ -like "*/ipGroups/ipg-contoso-egress" }
        $c = Add-AstroAllowlist -ResourceId $id -IpAddress '203.0.113.90' -WarningVariable w -WarningAction SilentlyContinue
        $c.Changed | Should -BeTrue
        ($w -join "`n") | Should -Match "firewall 'fw-contoso-hub', firewall policy 'fwpol-contoso'.*every rule"
        (Get-AstroAllowlist -ResourceId $id).Value | Should -Contain '10.20.0.0/16'
    }
}

Describe 'Output that says what will really happen' {
    BeforeAll {
        Reset-Emulator
        $sql = Get-SeededResource 'Microsoft.Sql/servers'
    }

    It 'names only what would be written in the confirmation text' {
        Add-AstroAllowlist -ResourceId $sql -IpAddress 198.51.100.7, 203.0.113.92 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*allowlist entries*' } |
            ForEach-Object Message | Should -Match 'add 203\.0\.113\.92; 1 already present'
        Add-AstroAllowlist -ResourceId $sql -IpAddress 198.51.100.7, 203.0.113.92 -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*allowlist entries*' } |
            ForEach-Object Message | Should -Match 'sql-contoso-data: nothing to add; 2 already present'
    }

    It 'says a subscription cannot be seen instead of "not found"' {
        Clear-EmulatorRequest
        $stranger = '/subscriptions/00000000-0000-4000-8000-0000000000ab/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stforeign01'
        Add-AstroAllowlist -ResourceId $stranger -IpAddress $ip -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Assert-Refused $e 'AllowlistSubscriptionNotVisible' $stranger 'stforeign01' 'PermissionDenied'
    }

    It 'names the resource when it does not exist' {
        $missing = $sql -replace '/[^/]+$', '/sql-nosuch'
        Get-AstroAllowlist -ResourceId $missing -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
        $e[0].Exception.Message | Should -Match "'sql-nosuch' was not found"
    }
}
