# Ownership (issue 12): entries belong to the source they were written for; Sync and Remove touch only that source's.
BeforeDiscovery {
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
    # Two Astro sources (Deployment IDs) and IPs given by hand (owner manual).
    $a = 'cm5sourcea000000000000001'
    $b = 'cm5sourceb000000000000002'
    function Get-Owners([string] $Id, [hashtable] $Port) {
        $map = @{}
        foreach ($e in Get-AstroAllowlist @Port -ResourceId $Id) {
            if (-not $map.ContainsKey($e.Value)) { $map[$e.Value] = @() }
            if ($e.Owner) { $map[$e.Value] += $e.Owner -split ', ' }
        }
        $map
    }
    function Get-Foreign([string] $Id, [hashtable] $Port) {
        @(Get-AstroAllowlist @Port -ResourceId $Id | Where-Object { -not $_.IsAstroOwned } | ForEach-Object Raw)
    }
}

Describe 'Two sources on one <Type>' -ForEach $cases {
    BeforeAll {
        Reset-Emulator
        $id = Get-SeededResource $Type
        $port = if ($Type -eq 'Microsoft.Network/networkSecurityGroups') { @{ Port = '*' } } else { @{} }
        $foreign = Get-Foreign $id $port
        Add-AstroAllowlist @port -ResourceId $id -IpAddress 203.0.113.61, 203.0.113.62 -SourceId $a | Out-Null
        Add-AstroAllowlist @port -ResourceId $id -IpAddress 203.0.113.62, 203.0.113.63 -SourceId $b | Out-Null
        Add-AstroAllowlist @port -ResourceId $id -IpAddress 203.0.113.64 | Out-Null
    }

    It 'records each entry''s owner, and a shared IP for both sources' {
        $owners = Get-Owners $id $port
        $owners['203.0.113.61'] | Should -Be @($a)
        ($owners['203.0.113.62'] | Sort-Object) | Should -Be @($a, $b)
        $owners['203.0.113.63'] | Should -Be @($b)
        $owners['203.0.113.64'] | Should -Be @('manual')
    }

    It 'syncs source A: retires A''s old IP without -PreviousIpAddress and keeps B''s, manual and foreign entries' {
        $sync = Sync-AstroAllowlist @port -ResourceId $id -IpAddress 203.0.113.65 -SourceId $a
        $sync.Added | Should -Be @('203.0.113.65')
        # Named types: A's own rule for the shared IP goes too (B keeps its own); record types: only A's claim goes.
        $sync.Removed | Should -Contain '203.0.113.61'
        $sync.Removed | Should -Not -Contain '203.0.113.63'
        $owners = Get-Owners $id $port
        $owners.ContainsKey('203.0.113.61') | Should -BeFalse
        $owners['203.0.113.62'] | Should -Be @($b) -Because 'the IP A shared with B stays for B'
        $owners['203.0.113.63'] | Should -Be @($b)
        $owners['203.0.113.64'] | Should -Be @('manual')
        $owners['203.0.113.65'] | Should -Be @($a)
        Get-Foreign $id $port | Should -Be $foreign
    }

    It 'writes nothing when the same sync runs again' {
        Clear-EmulatorRequest
        $again = Sync-AstroAllowlist @port -ResourceId $id -IpAddress 203.0.113.65 -SourceId $a
        $again.Changed | Should -BeFalse
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'removes for B only what B owns and reports what it keeps' {
        $remove = Remove-AstroAllowlist @port -ResourceId $id -IpAddress 203.0.113.62, 203.0.113.64, 203.0.113.65 -SourceId $b
        $remove.Removed | Should -Be @('203.0.113.62')
        @($remove.Kept).Count | Should -Be 2
        ($remove.Kept -join "`n") | Should -Match 'manual'
        ($remove.Kept -join "`n") | Should -Match $a
        $owners = Get-Owners $id $port
        $owners.ContainsKey('203.0.113.62') | Should -BeFalse
        $owners['203.0.113.65'] | Should -Be @($a)
        Get-Foreign $id $port | Should -Be $foreign
    }
}

Describe 'Earlier versions and refused records' {
    BeforeAll {
        Reset-Emulator
        $sql = Get-SeededResource 'Microsoft.Sql/servers'
        $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
        # What versions before ownership wrote: astro-<address>, no owner.
        Invoke-EmulatorArm -Method Put -Path "$sql/firewallRules/astro-203-0-113-70" -ApiVersion '2021-11-01' -Body @{ properties = @{ startIpAddress = '203.0.113.70'; endIpAddress = '203.0.113.70' } } | Out-Null
        Invoke-EmulatorArm -Method Put -Path "$sql/firewallRules/astro-office" -ApiVersion '2021-11-01' -Body @{ properties = @{ startIpAddress = '203.0.113.71'; endIpAddress = '203.0.113.71' } } | Out-Null
    }

    It 'keeps an earlier version''s rule and a person''s astro-office rule on Sync, and says so' {
        $sync = Sync-AstroAllowlist -ResourceId $sql -IpAddress 203.0.113.72 -SourceId $a
        $sync.Removed | Should -BeNullOrEmpty
        $names = (Get-AstroAllowlist -ResourceId $sql).Name
        $names | Should -Contain 'astro-203-0-113-70'
        $names | Should -Contain 'astro-office'
        (Get-AstroAllowlist -ResourceId $sql | Where-Object Name -EQ 'astro-203-0-113-70').Owner | Should -Be 'legacy'
    }

    It 'adopts an earlier version''s rule only with -AdoptExisting, and never the person''s' {
        $sync = Sync-AstroAllowlist -ResourceId $sql -IpAddress 203.0.113.72 -SourceId $a -AdoptExisting
        $sync.Removed | Should -Be @('203.0.113.70')
        $names = (Get-AstroAllowlist -ResourceId $sql).Name
        $names | Should -Not -Contain 'astro-203-0-113-70'
        $names | Should -Contain 'astro-office'
        $names | Should -Contain "astro-$a-203-0-113-72"
    }

    It 'writes the entry without an owner and warns when a policy denies the record''s tags' {
        Invoke-RestMethod -Method Post -Uri "$(Get-EmulatorUrl)_emulator/tag-policies" -ContentType 'application/json' `
            -Body (@{ scope = $storage; deniedTagNames = @('astro-network:*'); assignmentName = 'deny-astro-tags' } | ConvertTo-Json) | Out-Null
        $change = Add-AstroAllowlist -ResourceId $storage -IpAddress 203.0.113.73 -SourceId $a -WarningVariable warned -WarningAction SilentlyContinue
        $change.Added | Should -Be @('203.0.113.73')
        ($warned -join "`n") | Should -Match 'RequestDisallowedByPolicy'
        $entry = Get-AstroAllowlist -ResourceId $storage | Where-Object Value -EQ '203.0.113.73'
        $entry.Owner | Should -BeNullOrEmpty
        # Not the source's, so Sync leaves it; -PreviousIpAddress is the override that retires it.
        (Sync-AstroAllowlist -ResourceId $storage -IpAddress 203.0.113.74 -SourceId $a -WarningAction SilentlyContinue).Removed | Should -BeNullOrEmpty
        (Sync-AstroAllowlist -ResourceId $storage -IpAddress 203.0.113.74 -SourceId $a -PreviousIpAddress 203.0.113.73 -WarningAction SilentlyContinue).Removed | Should -Be @('203.0.113.73')
    }

    It 'merges the record with other tags on the resource and leaves them as they were' {
        $kv = Get-SeededResource 'Microsoft.KeyVault/vaults'
        Invoke-EmulatorArm -Method Patch -Path "$kv/providers/Microsoft.Resources/tags/default" -ApiVersion '2022-09-01' -Body @{ operation = 'Merge'; properties = @{ tags = @{ env = 'prod' } } } | Out-Null
        Add-AstroAllowlist -ResourceId $kv -IpAddress 203.0.113.75 -SourceId $a | Out-Null
        $tags = (Invoke-EmulatorArm -Path "$kv/providers/Microsoft.Resources/tags/default" -ApiVersion '2022-09-01').properties.tags
        $tags.env | Should -Be 'prod'
        $tags."astro-network:$a" | Should -Be '203.0.113.75'
        Remove-AstroAllowlist -ResourceId $kv -IpAddress 203.0.113.75 -SourceId $a | Out-Null
        $tags = (Invoke-EmulatorArm -Path "$kv/providers/Microsoft.Resources/tags/default" -ApiVersion '2022-09-01').properties.tags
        $tags.env | Should -Be 'prod'
        $tags.PSObject.Properties.Name | Should -Not -Contain "astro-network:$a"
    }

    It 'refuses a source ID the record cannot hold before anything is read' {
        Clear-EmulatorRequest
        { Add-AstroAllowlist -ResourceId $sql -IpAddress 203.0.113.76 -SourceId 'not an id' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSourceId,Astro.Network.Commands.Allowlist.AddAstroAllowlistCommand'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

Describe 'Stale entries of a source' {
    It 'are reported by Test-AstroAllowlist when Astro''s IPs change, and retired by Sync' {
        Reset-Emulator
        $kv = Get-SeededResource 'Microsoft.KeyVault/vaults'
        $etl = Get-AstroDeployment -Name etl
        Add-AstroAllowlist -ResourceId $kv -DeploymentId $etl.DeploymentId | Out-Null
        $old = @((Get-AstroExternalIp -DeploymentId $etl.DeploymentId).IpAddress)
        Set-EmulatorClusterIp -ClusterId $etl.ClusterId -IpAddress 192.0.2.90
        $test = Test-AstroAllowlist -ResourceId $kv -DeploymentId $etl.DeploymentId
        ($test.Stale | Sort-Object) | Should -Be ($old | Where-Object { $_ -ne '192.0.2.90' } | Sort-Object)
        $test.Missing | Should -Be @('192.0.2.90')
        (Test-AstroAllowlist -ResourceId $kv -DeploymentId $etl.DeploymentId -Summary).StaleResourceIds | Should -Be @($kv)
        Sync-AstroAllowlist -ResourceId $kv -DeploymentId $etl.DeploymentId | Out-Null
        $after = Test-AstroAllowlist -ResourceId $kv -DeploymentId $etl.DeploymentId
        $after.Stale | Should -BeNullOrEmpty
        $after.Allowed | Should -BeTrue
    }
}

Describe 'Piped external IPs carry their source' {
    It 'records a Deployment''s piped IPs for that Deployment' {
        Reset-Emulator
        $kv = Get-SeededResource 'Microsoft.KeyVault/vaults'
        $etl = Get-AstroDeployment -Name etl
        Get-AstroExternalIp -DeploymentId $etl.DeploymentId | Add-AstroAllowlist -ResourceId $kv | Out-Null
        $mine = Get-AstroAllowlist -ResourceId $kv | Where-Object Owner -EQ $etl.DeploymentId
        @($mine).Count | Should -BeGreaterThan 0
    }
}
