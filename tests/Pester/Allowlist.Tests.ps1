BeforeDiscovery {
    # One case per supported type that the test scenario seeds (every type should be seeded: a missing one fails below).
    $types = @(
        'Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Microsoft.Sql/servers',
        'Microsoft.DBforPostgreSQL/flexibleServers', 'Microsoft.DBforMySQL/flexibleServers', 'Microsoft.DocumentDB/databaseAccounts',
        'Microsoft.ContainerRegistry/registries', 'Microsoft.EventHub/namespaces', 'Microsoft.ServiceBus/namespaces',
        'Microsoft.Web/sites', 'Microsoft.ContainerService/managedClusters', 'Microsoft.Network/networkSecurityGroups',
        'Microsoft.Synapse/workspaces', 'Microsoft.Cache/redis', 'Microsoft.EventGrid/topics', 'Microsoft.EventGrid/domains',
        'Microsoft.Search/searchServices', 'Microsoft.Kusto/clusters', 'Microsoft.Network/ipGroups',
        'Microsoft.App/containerApps')
    $cases = $types | ForEach-Object { @{ Type = $_ } }
}

BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
    $newIp = '203.0.113.77'
    # The entries that are not Astro's; on types without rule names the IPs given are what makes an entry Astro's.
    function Get-Unowned([string] $Id, [string[]] $AstroIp = @($newIp)) {
        @(Get-AstroAllowlist -ResourceId $Id -IpAddress $AstroIp | Where-Object { -not $_.IsAstroOwned } | ForEach-Object Raw)
    }
}

Describe 'Allowlist on <Type>' -ForEach $cases {
    BeforeAll {
        Reset-Emulator
        $id = Get-SeededResource $Type
        # NSG writes need a port: these cases use the every-port rule (astro-allow), the one Get and Test read without -Port.
        $port = if ($Type -eq 'Microsoft.Network/networkSecurityGroups') { @{ Port = '*' } } else { @{} }
    }

    It 'is seeded in the test scenario' {
        $id | Should -Not -BeNullOrEmpty
    }

    It 'adds an IP, keeps every other entry, and a second run writes nothing' {
        $before = Get-Unowned $id
        Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null
        $first = Add-AstroAllowlist @port -ResourceId $id -IpAddress $newIp
        $first.Changed | Should -BeTrue
        $first.Added | Should -Be @($newIp)
        @(Get-EmulatorRequest -WritesOnly).Count | Should -BeGreaterThan 0
        (Get-AstroAllowlist -ResourceId $id).Value | Should -Contain $newIp
        Get-Unowned $id | Should -Be $before

        Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null
        $second = Add-AstroAllowlist @port -ResourceId $id -IpAddress "$newIp/32"
        $second.Changed | Should -BeFalse
        $second.AlreadyPresent | Should -Be @($newIp)
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'reports the IP as allowed' {
        (Test-AstroAllowlist -ResourceId $id -IpAddress $newIp).Allowed | Should -BeTrue
        $t = Test-AstroAllowlist -ResourceId $id -IpAddress '198.51.100.201'
        $t.Allowed | Should -BeFalse
        $t.Missing | Should -Be @('198.51.100.201')
    }

    It 'plans with -WhatIf and writes nothing' {
        Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null
        $plan = Add-AstroAllowlist @port -ResourceId $id -IpAddress '198.51.100.202' -WhatIf
        $plan.WhatIf | Should -BeTrue
        $plan.Added | Should -Be @('198.51.100.202')
        $removePlan = Remove-AstroAllowlist @port -ResourceId $id -IpAddress $newIp -WhatIf
        $removePlan.Removed | Should -Be @($newIp)
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
        (Get-AstroAllowlist -ResourceId $id).Value | Should -Not -Contain '198.51.100.202'
    }

    It 'removes the IP, keeps every other entry, and a second remove writes nothing' {
        $before = Get-Unowned $id
        $removed = Remove-AstroAllowlist @port -ResourceId $id -IpAddress $newIp
        $removed.Removed | Should -Be @($newIp)
        (Get-AstroAllowlist -ResourceId $id).Value | Should -Not -Contain $newIp
        Get-Unowned $id | Should -Be $before
        Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null
        (Remove-AstroAllowlist @port -ResourceId $id -IpAddress $newIp).NotPresent | Should -Be @($newIp)
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'stops on a malformed IP before any request' {
        Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null
        { Add-AstroAllowlist @port -ResourceId $id -IpAddress '203.0.113.300' } | Should -Throw -ErrorId 'InvalidIpAddress*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

Describe 'Allowlist input errors' {
    BeforeAll {
        Reset-Emulator
        $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
        $sql = Get-SeededResource 'Microsoft.Sql/servers'
    }
    BeforeEach { Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null }

    It 'rejects a private IP on a storage account with no write' {
        Add-AstroAllowlist -ResourceId $storage -IpAddress '10.1.2.3' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'PrivateIpNotAllowed*'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'rejects IPv6 on a SQL server with no write' {
        Add-AstroAllowlist -ResourceId $sql -IpAddress '2001:db8::1' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'IPv6NotSupported*'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'rejects an unsupported resource type and lists the supported ones' {
        $err = { Add-AstroAllowlist -ResourceId '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1' -IpAddress '203.0.113.9' } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'UnsupportedResourceType*'
        $err.Exception.Message | Should -Match 'Microsoft.Storage/storageAccounts'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'rejects a malformed resource ID' {
        { Add-AstroAllowlist -ResourceId 'not/a/resource/id' -IpAddress '203.0.113.9' } | Should -Throw -ErrorId 'InvalidResourceId*'
    }

    It 'writes ObjectNotFound for a resource that does not exist, and goes on with the others' {
        $missing = $storage -replace '/[^/]+$', '/nosuchaccount0001'
        $out = Add-AstroAllowlist -ResourceId $missing, $storage -IpAddress '203.0.113.10' -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].TargetObject | Should -Not -BeNullOrEmpty
        $out.ResourceId | Should -Be $storage
        $out.Changed | Should -BeTrue
    }

    It 'stops on an unknown deployment before touching Azure' {
        { Add-AstroAllowlist -ResourceId $storage -DeploymentId 'clnotarealdeployment000' } | Should -Throw -ErrorId 'AstroDeploymentNotFound*'
        @(Get-EmulatorRequest | Where-Object service -EQ 'arm').Count | Should -Be 0
    }
}

Describe 'Allowlist pipelines' {
    BeforeAll {
        Reset-Emulator
        $scenario = Get-EmulatorScenario
        $etl = ($scenario.astro.organizations | Where-Object id -EQ 'org-test').deployments | Where-Object name -EQ 'etl'
        $listTypes = 'Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Microsoft.DocumentDB/databaseAccounts'
        $ids = $listTypes | ForEach-Object { Get-SeededResource $_ }
    }

    It 'allowlists a deployment''s IPs on three resources with exactly one write each' {
        Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null
        $changes = Get-AstroDeployment -Name etl | Get-AstroExternalIp | Add-AstroAllowlist -ResourceId $ids
        $changes.Count | Should -Be 3
        foreach ($c in $changes) { ($c.Added | Sort-Object) | Should -Be ($etl.externalIPs | Sort-Object) }
        $writes = @(Get-EmulatorRequest -WritesOnly)
        foreach ($id in $ids) {
            @($writes | Where-Object { $_.url -like "$id``?*" }).Count | Should -Be 1 -Because "one write to $id"
            @($writes | Where-Object { $_.url -like "$id/providers/Microsoft.Resources/tags/default*" }).Count | Should -Be 1 -Because "one write of the ownership record on $id"
        }
        (Test-AstroAllowlist -ResourceId $ids -IpAddress $etl.externalIPs).Allowed | Should -Not -Contain $false
        # With -DeploymentId the region is known: the storage account is in etl's region, where IP rules do not apply.
        $storageTest = Test-AstroAllowlist -ResourceId $ids[0] -DeploymentId $etl.id
        $storageTest.Allowed | Should -BeFalse
        $storageTest.EffectiveAccess | Should -Be 'RulesIgnored'
        $storageTest.Reason | Should -Match 'own region'
    }

    It 'allowlists a Deployment''s disaster-recovery IPs too when given -DeploymentId' {
        $payments = ($scenario.astro.organizations | Where-Object id -EQ 'org-test').deployments | Where-Object name -EQ 'payments'
        $vault = Get-SeededResource 'Microsoft.KeyVault/vaults'
        $change = Add-AstroAllowlist -ResourceId $vault -DeploymentId $payments.id
        foreach ($ip in @($payments.externalIPs) + @($payments.drExternalIPs)) {
            (@($change.Added) + @($change.AlreadyPresent)) | Should -Contain $ip
        }
        (Test-AstroAllowlist -ResourceId $vault -IpAddress $payments.drExternalIPs).Allowed | Should -Not -Contain $false
    }

    It 'keeps one NSG rule per port and reads it back with the same -Port' {
        $nsg = Get-SeededResource 'Microsoft.Network/networkSecurityGroups'
        $c = Add-AstroAllowlist -ResourceId $nsg -IpAddress '203.0.113.88' -Port 443
        $c.Added | Should -Be @('203.0.113.88')
        (Test-AstroAllowlist -ResourceId $nsg -IpAddress '203.0.113.88' -Port 443).Allowed | Should -BeTrue
        (Test-AstroAllowlist -ResourceId $nsg -IpAddress '203.0.113.88').Allowed | Should -BeFalse -Because 'the any-port rule is another rule'
        (Get-AstroAllowlist -ResourceId $nsg -Port 443 | Where-Object Value -EQ '203.0.113.88').Name | Should -Be 'astro-manual-allow-443'
    }

    It 'stops with the service''s error id when Azure sign-in fails' {
        Disconnect-AstroAzure
        $env:IDENTITY_ENDPOINT = "$(Get-EmulatorUrl)msi/token"; $env:IDENTITY_HEADER = 'wrong-header'
        $env:ASTRO_AZURE_ENVIRONMENT = 'Custom'; $env:ASTRO_AZURE_ARM_URL = Get-EmulatorUrl; $env:ASTRO_AZURE_GRAPH_URL = "$(Get-EmulatorUrl)graph/"; $env:ASTRO_AZURE_AUTHORITY_HOST = Get-EmulatorUrl
        try {
            $err = { Get-AstroAllowlist -ResourceId $ids[0] } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Not -BeLike 'Astro.Network.Engine.AstroNetworkException*'
            $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        }
        finally {
            Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER, Env:ASTRO_AZURE_ENVIRONMENT, Env:ASTRO_AZURE_ARM_URL, Env:ASTRO_AZURE_GRAPH_URL, Env:ASTRO_AZURE_AUTHORITY_HOST
            Connect-TestAzure | Out-Null
        }
    }

    It 'takes IPs straight from -DeploymentId' {
        $sql = Get-SeededResource 'Microsoft.Sql/servers'
        $c = Add-AstroAllowlist -ResourceId $sql -DeploymentId $etl.id
        ($c.Added + $c.AlreadyPresent | Sort-Object) | Should -Be ($etl.externalIPs | Sort-Object)
    }

    It 'syncs after the cluster''s IPs change: adds the new IP and removes only the stale Astro entry' {
        $sql = Get-SeededResource 'Microsoft.Sql/servers'
        $cluster = $etl.clusterId
        Add-AstroAllowlist -ResourceId $sql -ClusterId $cluster | Out-Null
        $old = @(Get-AstroExternalIp -ClusterId $cluster).IpAddress
        $others = Get-Unowned $sql $old
        Set-EmulatorClusterIp -ClusterId $cluster -IpAddress @($old[0], '198.51.100.99')
        $sync = Sync-AstroAllowlist -ResourceId $sql -ClusterId $cluster
        $sync.Added | Should -Be @('198.51.100.99')
        $sync.Removed | Should -Be @($old | Select-Object -Skip 1)
        $values = (Get-AstroAllowlist -ResourceId $sql).Value
        $values | Should -Contain $old[0]
        $values | Should -Contain '198.51.100.99'
        Get-Unowned $sql ($old + '198.51.100.99') | Should -Be $others
        (Sync-AstroAllowlist -ResourceId $sql -ClusterId $cluster).Changed | Should -BeFalse
    }

    It 'finds every supported resource of a subscription and reports which block a deployment' {
        Reset-Emulator
        # The storage account shares etl's region, where IP rules do not apply: that one needs -Force.
        Add-AstroAllowlist -ResourceId $ids -DeploymentId $etl.id -Force | Out-Null
        $sub = ($ids[0] -split '/')[2]
        $results = @(Test-AstroAllowlist -SubscriptionId $sub -DeploymentId $etl.id -ErrorVariable e -ErrorAction SilentlyContinue)
        # Every resource is answered; a private AKS cluster is not allowed, and the result says why.
        $e | Should -BeNullOrEmpty
        $results.Count | Should -BeGreaterOrEqual 12
        ($results | Where-Object ResourceId -In $ids[1..2]).Allowed | Should -Not -Contain $false
        ($results | Where-Object ResourceId -EQ $ids[0]).EffectiveAccess | Should -Be 'RulesIgnored'
        $private = $results | Where-Object ResourceId -Like '*/aks-contoso-private'
        ($private.Allowed, $private.EffectiveAccess) | Should -Be @($false, 'WriteRefused')
        $private.Reason | Should -Match 'private cluster'
        @($results | Where-Object { -not $_.Allowed }).Count | Should -BeGreaterThan 0
    }
}
