# The seed's VNet peering path, end to end against the emulator, as a user runs it.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $tenantId = $scenario.azure.tenants[0].id
    $sub = $scenario.azure.subscriptions[0].subscriptionId
    $rgId = "/subscriptions/$sub/resourceGroups/rg-network"
    $vnetId = "$rgId/providers/Microsoft.Network/virtualNetworks/vnet-hub"
    $clusterId = ($scenario.astro.organizations[0].clusters | Where-Object name -eq 'azure-dedicated').id
    $astroAppId = 'a67e6057-7138-4f78-bbaf-fd9db7b8aab0'
    $networkContributor = '4d97b98b-1d4f-4787-a291-c67834d212e7'
    $reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
    $readonlyObjectId = ($scenario.azure.tenants[0].apps | Where-Object displayName -eq 'astro-network-readonly').objectId

    function Get-Assignment([string] $PrincipalId) {
        @(Get-EmulatorRoleAssignment "/subscriptions/$sub" | Where-Object { $_.properties.principalId -eq $PrincipalId })
    }
    function Get-AstronomerPrincipalId {
        $token = Get-EmulatorToken -Resource graph
        $sp = Invoke-RestMethod -Uri "$(Get-EmulatorUrl)graph/v1.0/servicePrincipals?`$filter=appId eq '$astroAppId'" -Headers @{ Authorization = "Bearer $token" }
        $sp.value[0].id
    }
    function Get-SucceededWrite { @(Get-EmulatorRequest -WritesOnly | Where-Object { $_.status -lt 400 }) }
    function Get-RoleGuid($assignment) { ($assignment.properties.roleDefinitionId -split '/')[-1] }
}

Describe 'VNet peering with Network Contributor, as the seed describes' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
    }

    It 'collects the tenant, subscription, resource group and VNet IDs' {
        $target = Get-AstroPeeringTarget -ResourceGroupName rg-network -VirtualNetworkName vnet-hub
        $target.TenantId | Should -Be $tenantId
        $target.SubscriptionId | Should -Be $sub
        $target.ResourceGroupId | Should -Be $rgId
        $target.VirtualNetworkId | Should -Be $vnetId
        $target.AddressPrefixes | Should -Contain '10.1.0.0/16'
        @($target.Peerings).Count | Should -BeGreaterThan 0
        (Get-AstroPeeringTarget -VirtualNetworkId $vnetId.ToUpperInvariant()).VirtualNetworkName | Should -Be 'vnet-hub'
    }

    It 'passes every readiness check for the dedicated Azure cluster' {
        $checks = Get-AstroCluster -ClusterId $clusterId | Test-AstroPeeringReadiness -VirtualNetworkId $vnetId
        $checks.Check | Should -Contain 'ClusterType'
        $checks.Check | Should -Contain 'AddressSpace'
        $checks.Check | Should -Contain 'PeeredAddressSpace'
        $checks.Check | Should -Contain 'ServicePrincipal'
        @($checks | Where-Object Check -eq 'RoleAssignmentPermission').Count | Should -Be 3
        @($checks | Where-Object Status -ne 'Passed') | Should -BeNullOrEmpty
    }

    It 'plans with -WhatIf and writes nothing' {
        Clear-EmulatorRequest
        $plan = Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId -WhatIf
        @($plan).Count | Should -Be 3
        $plan.Status | Should -Be @('WouldCreate', 'WouldCreate', 'WouldCreate')
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'creates the service principal and three assignments; a second run writes nothing' {
        Clear-EmulatorRequest
        $grants = Get-AstroPeeringTarget -VirtualNetworkId $vnetId | Grant-AstroPeeringRole -RoleMode NetworkContributor -ClusterId $clusterId
        $grants.ScopeName | Should -Be @('VirtualNetwork', 'ResourceGroup', 'Subscription')
        $grants.ScopeId | Should -Be @($vnetId, $rgId, "/subscriptions/$sub")
        $grants.Status | Should -Be @('Created', 'Created', 'Created')
        $principalId = Get-AstronomerPrincipalId
        $principalId | Should -Not -BeNullOrEmpty
        $grants.PrincipalId | Select-Object -Unique | Should -Be $principalId
        $log = @(Get-EmulatorRequest)
        @($log | Where-Object { $_.service -eq 'graph' -and $_.method -eq 'POST' -and $_.status -eq 201 }).Count | Should -Be 1
        # The new principal was still replicating: the module retried PrincipalNotFound instead of failing.
        @($log | Where-Object { $_.method -eq 'PUT' -and $_.status -eq 400 -and $_.responseBody -match 'PrincipalNotFound' }).Count | Should -BeGreaterThan 0
        $assigned = Get-Assignment $principalId
        @($assigned).Count | Should -Be 3
        $assigned | ForEach-Object { Get-RoleGuid $_ } | Select-Object -Unique | Should -Be $networkContributor
        $assigned.properties.principalType | Select-Object -Unique | Should -Be 'ServicePrincipal'

        Clear-EmulatorRequest
        $again = Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId
        $again.Status | Should -Be @('AlreadyExisted', 'AlreadyExisted', 'AlreadyExisted')
        $again.Changed | Should -Not -Contain $true
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'produces the support request details as text and JSON' {
        $request = New-AstroPeeringRequest -ClusterId $clusterId -VirtualNetworkId $vnetId
        $request.ClusterId | Should -Be $clusterId
        $request.TenantId | Should -Be $tenantId
        $request.SubscriptionId | Should -Be $sub
        $request.VirtualNetworkId | Should -Be $vnetId
        $request.VpcSubnetRange | Should -Be '172.20.0.0/19'
        foreach ($value in $clusterId, $tenantId, $sub, $vnetId) { $request.TicketText | Should -Match ([regex]::Escape($value)) }
        $json = $request.Json | ConvertFrom-Json
        $json.clusterId | Should -Be $clusterId
        $json.virtualNetworkId | Should -Be $vnetId
    }

    It 'waits until support has connected the peering' {
        Complete-EmulatorPeering -ClusterId $clusterId -VirtualNetworkId $vnetId | Out-Null
        $astro = Get-AstroVnetPeering -VirtualNetworkId $vnetId -ClusterId $clusterId | Where-Object IsAstroCluster
        @($astro).Count | Should -Be 1
        $astro.PeeringState | Should -Be 'Initiated'
        $peering = Wait-AstroVnetPeering -VirtualNetworkId $vnetId -ClusterId $clusterId -Timeout 60 -PollInterval 1
        $peering.PeeringState | Should -Be 'Connected'
        $peering.PeeringSyncLevel | Should -Be 'FullyInSync'
        $peering.RemoteAddressPrefixes | Should -Contain '172.20.0.0/19'
    }

    It 'plans the removal with -WhatIf and writes nothing' {
        Clear-EmulatorRequest
        $plan = Remove-AstroPeeringRole -VirtualNetworkId $vnetId -WhatIf
        $plan.Status | Should -Be @('WouldRemove', 'WouldRemove', 'WouldRemove')
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
        @(Get-Assignment (Get-AstronomerPrincipalId)).Count | Should -Be 3
    }

    It 'removes only the Astronomer principal''s peering assignments at the VNet''s scopes' {
        $principalId = Get-AstronomerPrincipalId
        # Decoys: Astronomer's principal with another role on the VNet; another principal's Network Contributor is seeded.
        Invoke-EmulatorArm -Method Put -Path "$vnetId/providers/Microsoft.Authorization/roleAssignments/$([guid]::NewGuid())" -Body @{
            properties = @{ roleDefinitionId = "/subscriptions/$sub/providers/Microsoft.Authorization/roleDefinitions/$reader"; principalId = $principalId; principalType = 'ServicePrincipal' }
        } | Out-Null
        $othersBefore = @(Get-EmulatorRoleAssignment "/subscriptions/$sub" | Where-Object { $_.properties.principalId -ne $principalId -or (Get-RoleGuid $_) -ne $networkContributor }).id

        $removed = Remove-AstroPeeringRole -VirtualNetworkId $vnetId
        $removed.Status | Should -Be @('Removed', 'Removed', 'Removed')
        $left = Get-Assignment $principalId
        @($left).Count | Should -Be 1
        Get-RoleGuid $left[0] | Should -Be $reader
        $othersAfter = @(Get-EmulatorRoleAssignment "/subscriptions/$sub" | ForEach-Object id)
        foreach ($id in $othersBefore) { $othersAfter | Should -Contain $id }
        @(Get-Assignment $readonlyObjectId | Where-Object { (Get-RoleGuid $_) -eq $networkContributor }).Count | Should -Be 1

        Clear-EmulatorRequest
        (Remove-AstroPeeringRole -VirtualNetworkId $vnetId).Status | Should -Be @('NotPresent', 'NotPresent', 'NotPresent')
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }
}

Describe 'Peering role ownership: only what the module made is removed' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        $spokeId = "$rgId/providers/Microsoft.Network/virtualNetworks/vnet-spoke"
    }

    It 'keeps an assignment Astronomer had before the grant, and says why' {
        Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId -Scope VirtualNetwork -WhatIf | Out-Null
        (Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $spokeId -Scope VirtualNetwork).Status | Should -Be 'Created'   # creates the principal
        $principalId = Get-AstronomerPrincipalId
        # Made by hand before the module ran (as `az role assignment create` in the seed does): no ownership record.
        $script:handMade = "$vnetId/providers/Microsoft.Authorization/roleAssignments/$([guid]::NewGuid())"
        Invoke-EmulatorArm -Method Put -Path $handMade -Body @{
            properties = @{ roleDefinitionId = "/subscriptions/$sub/providers/Microsoft.Authorization/roleDefinitions/$networkContributor"; principalId = $principalId; principalType = 'ServicePrincipal' }
        } | Out-Null

        $grants = Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId
        ($grants | Where-Object ScopeName -EQ VirtualNetwork).ManagedByModule | Should -BeFalse
        ($grants | Where-Object ScopeName -EQ VirtualNetwork).NextStep | Should -Match 'not created by Astro.Network'
        ($grants | Where-Object ScopeName -EQ Subscription).NextStep | Should -Match 'once Wait-AstroVnetPeering reports Connected, remove it with Remove-AstroPeeringRole'
        Clear-EmulatorRequest
        $revoked = $grants | Remove-AstroPeeringRole
        $atVnet = $revoked | Where-Object ScopeName -EQ VirtualNetwork
        $atVnet.Status | Should -Be 'Kept'
        $atVnet.KeptReasons | Should -Match 'not created by Astro.Network'
        @(Get-SucceededWrite | Where-Object { $_.url -match [regex]::Escape($handMade) }).Count | Should -Be 0
        (Get-Assignment $principalId).id | Should -Contain $handMade
    }

    It 'keeps the resource group and subscription assignments another peering in progress still needs' {
        ($revoked = Remove-AstroPeeringRole -VirtualNetworkId $vnetId) | Out-Null
        (Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $spokeId).Status | Should -Be @('AlreadyExisted', 'Created', 'Created')
        (Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId -Scope ResourceGroup, Subscription).Changed | Should -Be @($true, $true)
        $hub = Remove-AstroPeeringRole -VirtualNetworkId $vnetId -Scope ResourceGroup, Subscription
        $hub.Status | Should -Be @('Kept', 'Kept')
        $hub.KeptReasons | ForEach-Object { $_ | Should -Match 'vnet-spoke' }
        (Remove-AstroPeeringRole -VirtualNetworkId $spokeId).Status | Should -Be @('Removed', 'Removed', 'Removed')
    }

    It 'removes the hand-made assignment only with -IncludeExisting, which is High impact' {
        { Remove-AstroPeeringRole -VirtualNetworkId $vnetId -Scope VirtualNetwork -IncludeExisting -ErrorAction Stop } | Should -Throw
        (Get-Assignment (Get-AstronomerPrincipalId)).id | Should -Contain $handMade
        (Remove-AstroPeeringRole -VirtualNetworkId $vnetId -Scope VirtualNetwork -IncludeExisting -Force).Status | Should -Be 'Removed'
        (Get-Assignment (Get-AstronomerPrincipalId)).id | Should -Not -Contain $handMade
    }
}

Describe 'VNet peering with the least-privilege custom role' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        function Get-CustomRole {
            @((Invoke-EmulatorArm -Path "/subscriptions/$sub/providers/Microsoft.Authorization/roleDefinitions?`$filter=roleName eq 'Astro VNET Peering Contributor'").value)
        }
    }

    It 'creates the role and one subscription assignment; a second run writes nothing' {
        $script:grants = Grant-AstroPeeringRole -VirtualNetworkId $vnetId -RoleMode Custom
        @($grants).Count | Should -Be 1
        $grants.ScopeName | Should -Be 'Subscription'
        $grants.RoleName | Should -Be 'Astro VNET Peering Contributor'
        $grants.Status | Should -Be 'Created'
        $role = Get-CustomRole
        @($role).Count | Should -Be 1
        $role[0].properties.assignableScopes | Should -Be @("/subscriptions/$sub")
        $role[0].properties.permissions[0].actions | Should -Contain 'Microsoft.Network/virtualNetworks/peer/action'

        Clear-EmulatorRequest
        (Grant-AstroPeeringRole -VirtualNetworkId $vnetId -RoleMode Custom).Status | Should -Be 'AlreadyExisted'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'is enough for support to create the peering, and Wait sees it connected' {
        Complete-EmulatorPeering -ClusterId $clusterId -VirtualNetworkId $vnetId | Out-Null
        (Wait-AstroVnetPeering -VirtualNetworkId $vnetId -ClusterId $clusterId -Timeout 60 -PollInterval 1).PeeringState | Should -Be 'Connected'
    }

    It 'removes the assignment and the role it created when piped the grants' {
        $removed = $grants | Remove-AstroPeeringRole
        $removed.Status | Should -Be 'Removed'
        $removed.RoleDefinitionDeleted | Should -BeTrue
        Get-CustomRole | Should -BeNullOrEmpty
        @(Get-Assignment $readonlyObjectId).Count | Should -BeGreaterThan 0
    }
}

Describe 'The custom role already in the tenant''s other subscription' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        $dev = "/subscriptions/$($scenario.azure.subscriptions[1].subscriptionId)"
        $ciObjectId = (Get-TestApp).objectId
        $roleName = 'Astro VNET Peering Contributor'
        # Listed from the dev subscription, where the role is assignable in every case below.
        function Get-TenantRole { @((Invoke-EmulatorArm -Path "$dev/providers/Microsoft.Authorization/roleDefinitions?`$filter=roleName eq '$roleName'").value) }
        function Add-DevRole([string] $Description) {
            $guid = [guid]::NewGuid().ToString()
            Add-EmulatorSeed -Id "/providers/Microsoft.Authorization/roleDefinitions/$guid" -Body @{ name = $guid; properties = @{
                roleName = $roleName; type = 'CustomRole'; description = $Description; assignableScopes = @($dev)
                permissions = @(@{ actions = @('Microsoft.Network/virtualNetworks/*', 'Microsoft.Network/virtualHubs/*', 'Microsoft.Resources/subscriptions/read', 'Microsoft.Resources/subscriptions/resourceGroups/read'); notActions = @() }) } }
            $guid
        }
    }

    It 'refuses to widen a hand-made role of that name that is assignable only in the other subscription, and writes no role or assignment' {
        $guid = Add-DevRole "Astronomer's documented role, made by hand"
        Clear-EmulatorRequest
        Grant-AstroPeeringRole -VirtualNetworkId $vnetId -RoleMode Custom -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'CustomRoleNotAssignable*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($dev))
        # Astronomer's service principal is made first (Graph), as for any grant; no role or assignment is written.
        Get-SucceededWrite | Where-Object service -NE 'graph' | Should -BeNullOrEmpty
        (Get-TenantRole).properties.assignableScopes | Should -Be @($dev)
    }

    It 'reuses the role it made there (one role in the tenant), adds this subscription, and on Remove takes it off again' {
        Reset-Emulator
        $guid = Add-DevRole 'Created by Astro.Network for Astronomer VNet peering. Delete after the peering is Connected.'
        # Changing a role's scopes needs roleDefinitions/write at each of them: the CI app administers access in dev too.
        Add-EmulatorSeed -Id "$dev/providers/Microsoft.Authorization/roleAssignments/$([guid]::NewGuid())" -Body @{ properties = @{
            roleDefinitionId = "$dev/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"; principalId = $ciObjectId; principalType = 'ServicePrincipal' } }

        $grants = Grant-AstroPeeringRole -VirtualNetworkId $vnetId -RoleMode Custom
        $grants.Status | Should -Be 'Created'
        ($grants.RoleDefinitionId -split '/')[-1] | Should -Be $guid
        $role = Get-TenantRole
        @($role).Count | Should -Be 1
        $role.properties.assignableScopes | Should -Be @($dev, "/subscriptions/$sub")

        $removed = $grants | Remove-AstroPeeringRole
        $removed.Status | Should -Be 'Removed'
        $removed.RoleDefinitionDeleted | Should -BeFalse
        (Get-TenantRole).properties.assignableScopes | Should -Be @($dev)
    }
}

Describe 'VNet peering refusals' {
    BeforeAll {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        $overlapId = "$rgId/providers/Microsoft.Network/virtualNetworks/vnet-overlap"
        $spokeId = "$rgId/providers/Microsoft.Network/virtualNetworks/vnet-spoke"
    }

    It 'fails the cluster check for a Standard Deployment and points to allowlists' {
        $check = Get-AstroDeployment -Name sandbox | Test-AstroPeeringReadiness -VirtualNetworkId $vnetId | Where-Object Check -eq 'ClusterType'
        $check.Status | Should -Be 'Failed'
        $check.Message | Should -Match 'Add-AstroAllowlist'
    }

    It 'refuses to grant for a Standard Deployment forced through the pipeline' {
        Clear-EmulatorRequest
        $out = Get-AstroDeployment -Name sandbox | Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'StandardClusterCannotPeer*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'fails the overlap check and refuses to grant when the cluster range overlaps the VNet' {
        $check = Test-AstroPeeringReadiness -ClusterId $clusterId -VirtualNetworkId $overlapId | Where-Object Check -eq 'AddressSpace'
        $check.Status | Should -Be 'Failed'
        $check.Message | Should -Match '172\.20\.0\.0/19'
        Clear-EmulatorRequest
        Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $overlapId -ClusterId $clusterId -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AddressSpaceOverlap*'
        $err[0].TargetObject | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'fails the peered-space check when a space already peered to the VNet overlaps the cluster' {
        (Test-AstroPeeringReadiness -ClusterId $clusterId -VirtualNetworkId $spokeId | Where-Object Check -eq 'PeeredAddressSpace').Status | Should -Be 'Failed'
    }

    It 'fails the cluster check for a cluster on another cloud' {
        $aws = ($scenario.astro.organizations[0].clusters | Where-Object cloudProvider -eq 'AWS').id
        (Test-AstroPeeringReadiness -ClusterId $aws -VirtualNetworkId $vnetId | Where-Object Check -eq 'ClusterType').Status | Should -Be 'Failed'
    }

    It 'rejects a malformed VNet ID and another resource type before any request' -ForEach @(
        @{ Id = 'not-a-resource-id'; ErrorId = 'InvalidResourceId' }
        @{ Id = '/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stcontosodata01'; ErrorId = 'WrongResourceType' }
    ) {
        Clear-EmulatorRequest
        Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $Id -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId*"
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'times out with a clear error when the peering never comes' {
        $err = $null
        Wait-AstroVnetPeering -VirtualNetworkId $vnetId -ClusterId $clusterId -Timeout 2 -PollInterval 1 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'PeeringWaitTimeout*'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'tells a caller without directory or RBAC rights what is missing, and changes nothing' {
        Connect-TestAzure -DisplayName astro-network-readonly | Out-Null
        try {
            $checks = Test-AstroPeeringReadiness -ClusterId $clusterId -VirtualNetworkId $vnetId
            ($checks | Where-Object Check -eq 'ServicePrincipal').Status | Should -Be 'Failed'
            @($checks | Where-Object { $_.Check -eq 'RoleAssignmentPermission' -and $_.Status -eq 'Failed' }).Count | Should -Be 3
            Clear-EmulatorRequest
            Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'GraphDirectoryPermissionRequired*'
            $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $err[0].Exception.Message | Should -Match 'Application.ReadWrite.All'
            Get-SucceededWrite | Should -BeNullOrEmpty
        }
        finally {
            Connect-TestAzure | Out-Null
        }
    }
}
