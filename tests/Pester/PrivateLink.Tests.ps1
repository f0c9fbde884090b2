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
        $plan = Get-AstroPrivateEndpointConnection -ResourceId $Id -Status Pending | Approve-AstroPrivateEndpointConnection -ClusterId $clusterId -WhatIf
        $plan.WhatIf | Should -BeTrue
        $plan.StatusAfter | Should -Be 'Approved'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'lists who asked: the private endpoint''s subscription and resource group, and the request message' {
        $listed = Get-AstroPrivateEndpointConnection -ResourceId $Id -Status Pending
        $listed.RequesterSubscriptionId | Should -Be ($pending.properties.privateEndpoint.id -split '/')[2]
        $listed.RequesterResourceGroup | Should -Be "astro-$clusterId"
        $listed.RequestMessage | Should -Match $clusterId
    }

    It 'approves it once when the request message names the cluster; a second approve writes nothing' {
        $change = Get-AstroPrivateEndpointConnection -ResourceId $Id -Status Pending | Approve-AstroPrivateEndpointConnection -ClusterId $clusterId -Description 'Astro cluster'
        $change.Changed | Should -BeTrue
        $change.StatusBefore | Should -Be 'Pending'
        $change.StatusAfter | Should -Be 'Approved'
        (Get-AstroPrivateEndpointConnection -ResourceId $Id | Where-Object Name -eq $pending.name).Status | Should -Be 'Approved'
        Clear-EmulatorRequest
        $again = Approve-AstroPrivateEndpointConnection -ResourceId $Id -Name $pending.name
        $again.Changed | Should -BeFalse
        $again.Note | Should -Be 'Already Approved; nothing written.'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'rejects another connection with Deny' {
        $second = New-EmulatorPrivateEndpoint -ResourceId $Id -GroupId $GroupId -ClusterId $clusterId
        $denied = Deny-AstroPrivateEndpointConnection -ResourceId $Id -Name $second.name -Description 'Not requested' -Confirm:$false
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
        $request.TicketText | Should -Match "cluster ID $clusterId in the private endpoint's request message"
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

# The scenario's stcontososhared holds Astronomer's Pending connection (its cluster ID in the request message) and a
# stranger's from another subscription whose message only claims to be Astronomer: both look alike in a plain list.
Describe 'Private Link approvals trust only what Astronomer named' {
    BeforeAll {
        $shared = ($scenario.azure.resources | Where-Object { $_.id -like '*/storageAccounts/stcontososhared' }).id
        $seeded = ($scenario.azure.resources | Where-Object id -EQ $shared).body.properties.privateEndpointConnections
        $astro = $seeded | Where-Object { $_.properties.privateEndpoint.id -like '/subscriptions/00000000-0000-4000-8000-00000000a570/*' }
        $stranger = $seeded | Where-Object { $_ -ne $astro }
        $astroSubscription = ($astro.properties.privateEndpoint.id -split '/')[2]
        $strangerName = ($stranger.id -split '/')[-1]
        $astroName = ($astro.id -split '/')[-1]
        # Runs one approval; its output, errors and warnings apart, and the write requests it sent.
        function Invoke-Approve([scriptblock] $Approve) {
            Clear-EmulatorRequest
            $ErrorActionPreference = 'Continue'   # the runner's Stop would turn each refusal into a terminating error
            $all = @(& $Approve 2>&1 3>&1)
            [pscustomobject]@{
                Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
                Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
                Puts     = @(Get-EmulatorRequest -WritesOnly)
            }
        }
    }
    BeforeEach { Reset-Emulator }

    It 'lists the stranger''s pending connection with its requester and request message' {
        $pending = @(Get-AstroPrivateEndpointConnection -ResourceId $shared -Status Pending)
        $pending.Count | Should -Be 2
        $other = $pending | Where-Object Name -EQ $strangerName
        $other.RequesterSubscriptionId | Should -Be '3c9d5e1f-7a2b-4c8d-9e0f-1a2b3c4d5e6f'
        $other.RequesterResourceGroup | Should -Be 'rg-unknown'
        $other.RequestMessage | Should -Match 'Astronomer'
        ($pending | Where-Object Name -EQ $astroName).RequesterSubscriptionId | Should -Be $astroSubscription
    }

    It 'approves nothing with the one-liner and no match parameter, saying which parameter to pass' {
        $run = Invoke-Approve { Get-AstroPrivateEndpointConnection -ResourceId $shared -Status Pending | Approve-AstroPrivateEndpointConnection }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 2
        foreach ($e in $run.Errors) {
            $e.FullyQualifiedErrorId | Should -BeLike 'PrivateEndpointRequesterNotTrusted,*'
            "$($e.CategoryInfo.Category)" | Should -Be 'SecurityError'
            $e.TargetObject.Name | Should -BeIn @($astroName, $strangerName)
            $e.Exception.Message | Should -Match '-ClusterId'
        }
        $run.Puts | Should -BeNullOrEmpty
        @(Get-AstroPrivateEndpointConnection -ResourceId $shared -Status Pending).Count | Should -Be 2
    }

    It 'approves only Astronomer''s with -ClusterId and refuses the stranger''s' {
        $run = Invoke-Approve { Get-AstroPrivateEndpointConnection -ResourceId $shared -Status Pending | Approve-AstroPrivateEndpointConnection -ClusterId $clusterId }
        $run.Output.Name | Should -Be @($astroName)
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].TargetObject.Name | Should -Be $strangerName
        $run.Errors[0].Exception.Message | Should -Match "does not name cluster '$clusterId'"
        @($run.Puts | Where-Object url -Match ([regex]::Escape($strangerName))) | Should -BeNullOrEmpty
        (Get-AstroPrivateEndpointConnection -ResourceId $shared -Status Pending).Name | Should -Be $strangerName
    }

    It 'approves only Astronomer''s with -RequesterSubscriptionId' {
        $run = Invoke-Approve { Get-AstroPrivateEndpointConnection -ResourceId $shared -Status Pending | Approve-AstroPrivateEndpointConnection -RequesterSubscriptionId $astroSubscription }
        $run.Output.Name | Should -Be @($astroName)
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].Exception.Message | Should -Match '3c9d5e1f-7a2b-4c8d-9e0f-1a2b3c4d5e6f'
    }

    It 'approves the stranger''s when its -PrivateEndpointId is given, and with -Force' {
        $byId = Invoke-Approve { Approve-AstroPrivateEndpointConnection -ResourceId $shared -Name $strangerName -PrivateEndpointId $stranger.properties.privateEndpoint.id }
        $byId.Output.Changed | Should -BeTrue
        Reset-Emulator
        $forced = Invoke-Approve { Approve-AstroPrivateEndpointConnection -ResourceId $shared -Name $strangerName -Force }
        $forced.Output.StatusAfter | Should -Be 'Approved'
        $forced.Warnings[0].Message | Should -Match 'without checking its requester'
    }

    It 'does not let a piped connection vouch for itself' {
        $run = Invoke-Approve { Get-AstroPrivateEndpointConnection -ResourceId $shared | Where-Object Name -EQ $strangerName | Approve-AstroPrivateEndpointConnection }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PrivateEndpointRequesterNotTrusted,*'
        $run.Puts | Should -BeNullOrEmpty
    }

    It 'needs every criterion given to match' {
        $run = Invoke-Approve { Approve-AstroPrivateEndpointConnection -ResourceId $shared -Name $astroName -ClusterId $clusterId -RequesterSubscriptionId '3c9d5e1f-7a2b-4c8d-9e0f-1a2b3c4d5e6f' }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PrivateEndpointRequesterNotTrusted,*'
        $run.Puts | Should -BeNullOrEmpty
    }

    It 're-approving on Storage (which answers 400 to that write) sends nothing and says it is already approved' {
        Approve-AstroPrivateEndpointConnection -ResourceId $shared -Name $astroName -ClusterId $clusterId | Out-Null
        $run = Invoke-Approve { Approve-AstroPrivateEndpointConnection -ResourceId $shared -Name $astroName -ClusterId $clusterId }
        $run.Errors | Should -BeNullOrEmpty
        ($run.Output.Changed, $run.Output.StatusAfter, $run.Output.Note) | Should -Be @($false, 'Approved', 'Already Approved; nothing written.')
        $run.Puts | Should -BeNullOrEmpty
    }

    It 'refuses to approve a connection Storage rejected, before writing' {
        Deny-AstroPrivateEndpointConnection -ResourceId $shared -Name $strangerName -Confirm:$false | Out-Null
        $run = Invoke-Approve { Approve-AstroPrivateEndpointConnection -ResourceId $shared -Name $strangerName -Force }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PrivateEndpointConnectionNotApprovable,*'
        "$($run.Errors[0].CategoryInfo.Category)" | Should -Be 'InvalidOperation'
        $run.Errors[0].Exception.Message | Should -Match 'Rejected'
        $run.Puts | Should -BeNullOrEmpty
    }

    It 'asks before a Deny (ConfirmImpact High) and denies with -Confirm:$false' {
        $attribute = (Get-Command Deny-AstroPrivateEndpointConnection).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        (Deny-AstroPrivateEndpointConnection -ResourceId $shared -Name $strangerName -Confirm:$false).StatusAfter | Should -Be 'Rejected'
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
