# Private Link approvals per resource type, as a user runs them after Astronomer support created the endpoint.
BeforeDiscovery {
    $rg = '/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups'
    $cases = @(
        @{ Type = 'Storage account'; Id = "$rg/rg-data/providers/Microsoft.Storage/storageAccounts/stcontosodata01"; GroupId = 'blob' }
        @{ Type = 'Key Vault'; Id = "$rg/rg-data/providers/Microsoft.KeyVault/vaults/kv-contoso-data"; GroupId = 'vault' }
        @{ Type = 'SQL server'; Id = "$rg/rg-data/providers/Microsoft.Sql/servers/sql-contoso-data"; GroupId = 'sqlServer' }
        @{ Type = 'Cosmos DB'; Id = "$rg/rg-data/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data"; GroupId = 'Sql' }
        @{ Type = 'Container Registry'; Id = "$rg/rg-data/providers/Microsoft.ContainerRegistry/registries/acrcontosodata"; GroupId = 'registry' }
        @{ Type = 'App Service'; Id = "$rg/rg-data/providers/Microsoft.Web/sites/app-contoso-portal"; GroupId = 'sites' }
        @{ Type = 'Event Hubs'; Id = "$rg/rg-data/providers/Microsoft.EventHub/namespaces/evhns-contoso-ingest"; GroupId = 'namespace' }
        @{ Type = 'Service Bus'; Id = "$rg/rg-data/providers/Microsoft.ServiceBus/namespaces/sbns-contoso-events"; GroupId = 'namespace' }
        @{ Type = 'Private link service'; Id = "$rg/rg-network/providers/Microsoft.Network/privateLinkServices/pls-contoso-api"; GroupId = $null }
    )
}

BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $clusterId = ($scenario.astro.organizations[0].clusters | Where-Object name -eq 'azure-dedicated').id
    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
}

Describe 'Private endpoint approvals on <Type>' -ForEach $cases {
    BeforeAll {
        Reset-Emulator
        $others = @(Get-AstroPrivateEndpointConnection -ResourceId $Id)
        $pending = New-EmulatorPrivateEndpoint -ResourceId $Id -GroupId $GroupId -ClusterId $clusterId
    }

    It 'lists the connection Astronomer created as Pending, next to the existing ones' {
        $others | Should -Not -BeNullOrEmpty
        $listed = @(Get-AstroPrivateEndpointConnection -ResourceId $Id -Status Pending)
        $listed.Name | Should -Be @($pending.name)
        $listed[0].Status | Should -Be 'Pending'
        $listed[0].ResourceId | Should -Be $Id
    }

    It 'plans with -WhatIf and writes nothing' {
        Clear-EmulatorRequest
        $plan = Get-AstroPrivateEndpointConnection -ResourceId $Id -Status Pending | Approve-AstroPrivateEndpointConnection -WhatIf
        $plan.WhatIf | Should -BeTrue
        $plan.StatusAfter | Should -Be 'Approved'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'approves it once; a second approve writes nothing' {
        $change = Get-AstroPrivateEndpointConnection -ResourceId $Id -Status Pending | Approve-AstroPrivateEndpointConnection -Description 'Astro cluster'
        $change.Changed | Should -BeTrue
        $change.StatusBefore | Should -Be 'Pending'
        $change.StatusAfter | Should -Be 'Approved'
        (Get-AstroPrivateEndpointConnection -ResourceId $Id | Where-Object Name -eq $pending.name).Status | Should -Be 'Approved'
        Clear-EmulatorRequest
        $again = Approve-AstroPrivateEndpointConnection -ResourceId $Id -Name $pending.name
        $again.Changed | Should -BeFalse
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'rejects another connection with Deny' {
        $second = New-EmulatorPrivateEndpoint -ResourceId $Id -GroupId $GroupId -ClusterId $clusterId
        $denied = Deny-AstroPrivateEndpointConnection -ResourceId $Id -Name $second.name -Description 'Not requested'
        $denied.StatusAfter | Should -Be 'Rejected'
        (Get-AstroPrivateEndpointConnection -ResourceId $Id -Status Rejected).Name | Should -Contain $second.name
    }

    It 'produces the support request with a group ID the type offers' {
        $request = New-AstroPrivateLinkRequest -ResourceId $Id -GroupId $GroupId -ClusterId $clusterId
        $request.ResourceId | Should -Be $Id
        $request.ResourceName | Should -Be ($Id -split '/')[-1]
        $request.ClusterId | Should -Be $clusterId
        if ($GroupId) { $request.GroupId | Should -Be $GroupId }
        $request.TicketText | Should -Match ([regex]::Escape($Id))
    }

    It 'leaves the connections that were there before untouched' {
        $after = @(Get-AstroPrivateEndpointConnection -ResourceId $Id)
        foreach ($before in $others) {
            $now = $after | Where-Object Name -eq $before.Name
            $now.Status | Should -Be $before.Status
            $now.Description | Should -Be $before.Description
        }
    }
}

Describe 'Private Link requests and refusals' {
    BeforeAll {
        Reset-Emulator
        $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
        $registry = Get-SeededResource 'Microsoft.ContainerRegistry/registries'
    }

    It 'produces the support request for a storage account' {
        $request = New-AstroPrivateLinkRequest -ResourceId $storage -GroupId BLOB -ClusterId $clusterId
        $request.GroupId | Should -Be 'blob'
        $request.ResourceName | Should -Be ($storage -split '/')[-1]
        $request.TicketText | Should -Match ([regex]::Escape($storage))
        ($request.Json | ConvertFrom-Json).groupId | Should -Be 'blob'
    }

    It 'adds the data endpoint for a container registry' {
        (New-AstroPrivateLinkRequest -ResourceId $registry -GroupId registry).DataEndpoint | Should -Match '\.data\.azurecr\.io$'
    }

    It 'rejects a group ID the resource type does not offer, naming the valid ones' {
        Clear-EmulatorRequest
        New-AstroPrivateLinkRequest -ResourceId $storage -GroupId vault -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidGroupId*'
        $err[0].Exception.Message | Should -Match 'blob'
    }

    It 'refuses a Standard Deployment''s cluster' {
        $standard = (Get-AstroDeployment -Name sandbox).ClusterId
        New-AstroPrivateLinkRequest -ResourceId $storage -GroupId blob -ClusterId $standard -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'stops on an unsupported type before any request' {
        Clear-EmulatorRequest
        $pg = Get-SeededResource 'Microsoft.DBforPostgreSQL/flexibleServers'
        { Get-AstroPrivateEndpointConnection -ResourceId $pg -ErrorAction Stop } | Should -Throw -ErrorId 'UnsupportedResourceType*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'reports a connection that does not exist' {
        Approve-AstroPrivateEndpointConnection -ResourceId $storage -Name 'no-such-connection' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PrivateEndpointConnectionNotFound*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
