# Private Link to Astro for Remote Execution agents (issue 16 item 3), end to end against the emulator.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $sub = $scenario.azure.subscriptions[0].subscriptionId
    $vnetId = "/subscriptions/$sub/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub"
    $subnetId = "$vnetId/subnets/default"
    $clusterId = ($scenario.astro.organizations[0].clusters | Where-Object name -eq 'azure-dedicated').id
    $alias = 'astro-remote.8f0e5d2c-1b3a-4c5d-9e6f-7a8b9c0d1e2f.eastus2.azure.privatelinkservice'
    $zone = "/subscriptions/$sub/resourceGroups/rg-network/providers/Microsoft.Network/privateDnsZones/external.astronomer.run"
    $dnsApi = '2020-06-01'
    $new = @{ ClusterId = $clusterId; PrivateLinkServiceAlias = $alias; SubnetId = $subnetId }
    $target = @{ ClusterId = $clusterId; SubnetId = $subnetId }

    function Get-Write { @(Get-EmulatorRequest -WritesOnly) }
    function Get-Record([string] $Name) { Invoke-EmulatorArm -Path "$zone/A/$Name" -ApiVersion $dnsApi }
}

Describe 'Remote Execution private endpoint, as Astronomer describes it' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        Clear-EmulatorRequest
        $script:created = New-AstroPrivateEndpoint @new
    }

    It 'creates the endpoint Pending, the zone, its link and the record' {
        $created.ConnectionStatus | Should -Be 'Pending'
        @($created.Changes | Where-Object Status -EQ 'Created').Part | Should -Be @('PrivateEndpoint', 'DnsZone', 'DnsZoneLink', 'DnsRecord')
        $endpoint = Invoke-EmulatorArm -Path $created.PrivateEndpointId -ApiVersion '2024-01-01'
        $connection = $endpoint.properties.manualPrivateLinkServiceConnections[0].properties
        $connection.privateLinkServiceId | Should -Be $alias
        $connection.requestMessage | Should -Match $clusterId
        $link = (Invoke-EmulatorArm -Path "$zone/virtualNetworkLinks" -ApiVersion $dnsApi).value
        $link.properties.virtualNetwork.id | Should -Be $vnetId
        $link.properties.registrationEnabled | Should -BeFalse
    }

    It 'points the record <clusterId> at the endpoint''s private IP' {
        $nic = Invoke-EmulatorArm -Path (Invoke-EmulatorArm -Path $created.PrivateEndpointId -ApiVersion '2024-01-01').properties.networkInterfaces[0].id -ApiVersion '2024-01-01'
        $ip = $nic.properties.ipConfigurations[0].properties.privateIPAddress
        $created.PrivateIpAddress | Should -Be $ip
        (Get-Record $clusterId).properties.aRecords.ipv4Address | Should -Be @($ip)
        $created.HostName | Should -Be "$clusterId.external.astronomer.run"
    }

    It 'writes nothing on a second run and says so' {
        Clear-EmulatorRequest
        $again = New-AstroPrivateEndpoint @new
        Get-Write | Should -BeNullOrEmpty
        $again.Changes.Status | Sort-Object -Unique | Should -Be 'Exists'
        $again.Note | Should -Match 'nothing written'
    }

    It 'waits until Astronomer support approves' {
        { Wait-AstroPrivateEndpoint -PrivateEndpointId $created.PrivateEndpointId -Timeout 1 -PollInterval 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'PrivateEndpointWaitTimeout*'
        (Approve-EmulatorRemoteEndpoint -ClusterId $clusterId).decided | Should -Be 1
        $approved = $created | Wait-AstroPrivateEndpoint -Timeout 30 -PollInterval 1
        $approved.ConnectionStatus | Should -Be 'Approved'
        $approved.PrivateIpAddress | Should -Be $created.PrivateIpAddress
    }

    It 'removes what it made and keeps a record someone else added, with the zone and link it needs' {
        Invoke-EmulatorArm -Method Put -Path "$zone/A/agents-manual" -ApiVersion $dnsApi -Body @{ properties = @{ ttl = 300; aRecords = @(@{ ipv4Address = '10.1.0.200' }) } } | Out-Null
        $removed = Remove-AstroPrivateEndpoint @target -Confirm:$false
        ($removed | Where-Object Part -EQ 'DnsRecord').Status | Should -Be 'Removed'
        ($removed | Where-Object Part -EQ 'PrivateEndpoint').Status | Should -Be 'Removed'
        ($removed | Where-Object Part -EQ 'DnsZone').Status | Should -Be 'Kept'
        ($removed | Where-Object Part -EQ 'DnsZoneLink').Status | Should -Be 'Kept'
        (Get-Record 'agents-manual').properties.aRecords.ipv4Address | Should -Be '10.1.0.200'
        { Get-Record $clusterId } | Should -Throw
    }
}

Describe 'Remote Execution endpoint removal with nothing else in the zone' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        New-AstroPrivateEndpoint @new | Out-Null
    }

    It 'removes the record, the link, the zone and the endpoint' {
        $removed = Remove-AstroPrivateEndpoint @target -Confirm:$false
        $removed.Status | Sort-Object -Unique | Should -Be 'Removed'
        { Invoke-EmulatorArm -Path $zone -ApiVersion $dnsApi } | Should -Throw
    }
}

Describe 'Remote Execution -WhatIf and bad input' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        Clear-EmulatorRequest
    }

    It 'plans every piece under -WhatIf and writes nothing' {
        $plan = New-AstroPrivateEndpoint @new -WhatIf
        $plan.Changes.Status | Sort-Object -Unique | Should -Be 'WouldCreate'
        Get-Write | Should -BeNullOrEmpty
    }

    It 'refuses <Label> with <ErrorId> before any request' -ForEach @(
        @{ Label = 'a bad cluster ID'; Change = @{ ClusterId = 'not a cluster!' }; ErrorId = 'InvalidClusterId' }
        @{ Label = 'a bad alias'; Change = @{ PrivateLinkServiceAlias = 'pls.example.com' }; ErrorId = 'InvalidPrivateLinkServiceAlias' }
        @{ Label = 'a VNet ID for the subnet'; Change = @{ SubnetId = '/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub' }; ErrorId = 'InvalidResourceId' }
        @{ Label = 'a bad endpoint name'; Change = @{ Name = '-bad-' }; ErrorId = 'InvalidPrivateEndpointName' }
    ) {
        Clear-EmulatorRequest
        $arguments = $new.Clone()
        foreach ($key in $Change.Keys) { $arguments[$key] = $Change[$key] }
        New-AstroPrivateEndpoint @arguments -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-EmulatorRequest) | Should -BeNullOrEmpty
    }
}
