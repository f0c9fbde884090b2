# Issue 11 items 3 and 4 through the cmdlets: NSG rules open only what was asked, and AKS writes cannot revert someone
# else's change or land on a busy or stopped cluster.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Reset-Emulator
    Connect-TestAzure | Out-Null
    $nsg = Get-SeededResource 'Microsoft.Network/networkSecurityGroups'   # nsg-contoso-data: allow-https-office 100, deny-ssh-internet 200 (port 22)
    $hub = ((Get-EmulatorScenario).azure.resources | Where-Object { $_.id -like '*/networkSecurityGroups/nsg-hub-default' }).id
    $aks = Get-SeededResource 'Microsoft.ContainerService/managedClusters'   # aks-contoso-ops
    $clusters = ($aks -replace '/[^/]+$', '')
    function Get-Rule([string] $Group, [string] $Name) { Invoke-EmulatorArm -Path "$Group/securityRules/$Name" -ApiVersion '2024-01-01' }
    function Get-Ranges { @((Invoke-EmulatorArm -Path $aks -ApiVersion '2026-05-01').properties.apiServerAccessProfile.authorizedIPRanges) }
    function Get-ArmWrite { @(Get-EmulatorRequest -WritesOnly | Where-Object service -EQ 'arm') }
}

Describe 'NSG rules open only what was asked' {
    BeforeEach { Reset-Emulator }

    It 'refuses a write without -Port with NsgPortRequired before any request' {
        foreach ($command in 'Add-AstroAllowlist', 'Remove-AstroAllowlist', 'Sync-AstroAllowlist') {
            Clear-EmulatorRequest
            $err = { & $command -ResourceId $nsg -IpAddress 203.0.113.9 -Confirm:$false } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'NsgPortRequired,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be $nsg
            @(Get-EmulatorRequest | Where-Object service -EQ 'arm').Count | Should -Be 0 -Because $command
        }
    }

    It 'puts the rule after a customer Deny rule for the same port, and at the lowest free priority otherwise' {
        Add-AstroAllowlist -ResourceId $nsg -IpAddress 203.0.113.9 -Port 22 | Out-Null
        $ssh = Get-Rule $nsg 'astro-manual-allow-22'
        $ssh.properties.priority | Should -BeGreaterThan 200 -Because 'deny-ssh-internet (200) denies port 22 from the internet'
        $ssh.properties.destinationAddressPrefix | Should -Be 'VirtualNetwork'
        $ssh.properties.destinationPortRange | Should -Be '22'

        Add-AstroAllowlist -ResourceId $nsg -IpAddress 203.0.113.9 -Port 443 | Out-Null
        (Get-Rule $nsg 'astro-manual-allow-443').properties.priority | Should -Be 101 -Because 'no Deny rule covers 443; 100 is taken'
    }

    It 'stops with NsgNoPriorityBelowDeny and writes nothing when no priority is free after the Deny, unless -Priority is given' {
        $deny = @{ properties = @{ protocol = '*'; access = 'Deny'; priority = 4096; direction = 'Inbound'; sourcePortRange = '*'; destinationPortRange = '*'
                sourceAddressPrefix = 'Internet'; destinationAddressPrefix = '*' } }
        Invoke-EmulatorArm -Method Put -Path "$hub/securityRules/deny-internet-last" -ApiVersion '2024-01-01' -Body $deny | Out-Null
        Clear-EmulatorRequest

        Add-AstroAllowlist -ResourceId $hub -IpAddress 203.0.113.9 -Port 443 -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike 'NsgNoPriorityBelowDeny,*'
        $e[0].Exception.Message | Should -Match 'deny-internet-last'
        Get-ArmWrite | Should -BeNullOrEmpty

        (Add-AstroAllowlist -ResourceId $hub -IpAddress 203.0.113.9 -Port 443 -Priority 300).Changed | Should -BeTrue
        (Get-Rule $hub 'astro-manual-allow-443').properties.priority | Should -Be 300
    }

    It 'writes IPv4 and IPv6 addresses as two rules, one per family' {
        $change = Add-AstroAllowlist -ResourceId $nsg -IpAddress 203.0.113.9, 2001:db8::9 -Port 8443
        ($change.Added | Sort-Object) | Should -Be @('2001:db8::9', '203.0.113.9')
        (Get-Rule $nsg 'astro-manual-allow-8443').properties.sourceAddressPrefixes | Should -Be @('203.0.113.9')
        (Get-Rule $nsg 'astro-manual-allow-8443-ipv6').properties.sourceAddressPrefixes | Should -Be @('2001:db8::9')
        (Get-AstroAllowlist -ResourceId $nsg -Port 8443).Name | Sort-Object | Should -Be @('astro-manual-allow-8443', 'astro-manual-allow-8443-ipv6')
        (Test-AstroAllowlist -ResourceId $nsg -Port 8443 -IpAddress 203.0.113.9, 2001:db8::9).Allowed | Should -BeTrue
    }

    It 'takes -DestinationAddressPrefix, and refuses one of the other family before any write' {
        Add-AstroAllowlist -ResourceId $nsg -IpAddress 203.0.113.9 -Port 5432 -DestinationAddressPrefix 10.2.0.0/24 | Out-Null
        (Get-Rule $nsg 'astro-manual-allow-5432').properties.destinationAddressPrefix | Should -Be '10.2.0.0/24'

        Clear-EmulatorRequest
        Add-AstroAllowlist -ResourceId $nsg -IpAddress 2001:db8::9 -Port 6432 -DestinationAddressPrefix 10.2.0.0/24 -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'NsgDestinationFamilyMismatch,*'
        $e[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-ArmWrite | Should -BeNullOrEmpty
    }
}

Describe 'AKS writes that cannot revert someone else''s change' {
    BeforeEach { Reset-Emulator }

    It 'keeps a range another writer added between our read and our write (412, then a fresh read and merge)' {
        $seeded = Get-Ranges
        # The other writer's PUT lands just before ours is handled: the cluster gets a new eTag and one more range.
        Add-EmulatorFault @{ method = 'PUT'; service = 'arm'; pathContains = 'managedClusters/aks-contoso-ops'
            concurrentChange = @{ properties = @{ apiServerAccessProfile = @{ authorizedIPRanges = @($seeded + '192.0.2.0/24') } } } }
        Clear-EmulatorRequest

        $change = Add-AstroAllowlist -ResourceId $aks -IpAddress 203.0.113.9

        $change.Changed | Should -BeTrue
        $ranges = Get-Ranges
        $ranges | Should -Contain '192.0.2.0/24' -Because 'the concurrent change must not be reverted'
        $ranges | Should -Contain '203.0.113.9/32'
        foreach ($r in $seeded) { $ranges | Should -Contain $r }
        $puts = @(Get-ArmWrite | Where-Object method -EQ 'PUT')
        $puts.status | Should -Be @(412, 200) -Because 'the first PUT carried the eTag of our read (If-Match)'
        ($puts[0].url -split '\?')[1] | Should -Be 'api-version=2026-05-01'
    }

    It 'refuses a cluster <Name> with <ErrorId> and zero writes' -ForEach @(
        @{ Name = 'mid-operation'; Cluster = 'aks-contoso-busy'; ErrorId = 'AksClusterBusy'; Mentions = 'Updating' }
        @{ Name = 'that is stopped'; Cluster = 'aks-contoso-stopped'; ErrorId = 'AksClusterStopped'; Mentions = 'stopped' }
    ) {
        $id = "$clusters/$Cluster"
        Clear-EmulatorRequest
        Add-AstroAllowlist -ResourceId $id -IpAddress 198.51.100.9 -ErrorVariable e -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $e[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $e[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $e[0].TargetObject | Should -Be $id
        $e[0].Exception.Message | Should -Match $Mentions
        Get-ArmWrite | Should -BeNullOrEmpty
        (Add-AstroAllowlist -ResourceId $id -IpAddress 203.0.113.0/24).Changed | Should -BeFalse -Because 'nothing to write is not an error'
    }

    It 'warns that the cluster''s own outbound IP is not in the list, and about egress it cannot read' {
        $change = Add-AstroAllowlist -ResourceId $aks -IpAddress 203.0.113.9 -Force -WarningVariable w -WarningAction SilentlyContinue   # -Force: the cluster is open
        $change.Warnings | Should -Match '198\.51\.100\.150.*not in authorizedIPRanges'
        $plan = Add-AstroAllowlist -ResourceId "$clusters/aks-contoso-busy" -IpAddress 203.0.113.0/24 -WhatIf
        $plan.Warnings | Should -Match 'userDefinedRouting'
    }
}
