# What a new user meets first: objects piped by property name, ID completion, tables at 80 columns, error messages.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $org = $scenario.astro.organizations | Where-Object id -EQ 'org-test'
    $etl = $org.deployments | Where-Object name -EQ 'etl'
    $sandbox = $org.deployments | Where-Object name -EQ 'sandbox'
    $hybrid = $org.clusters | Where-Object name -EQ 'azure-hybrid'
    $ids = @($scenario.azure.resources.id)
    $storage = $ids | Where-Object { $_ -like '*/storageAccounts/stcontosowest01' }   # not in etl's region: IP rules can work there
    $sql = $ids | Where-Object { $_ -like '*/servers/sql-contoso-data' }
    $app = $ids | Where-Object { $_ -like '*/sites/app-contoso-portal' }
    $vnet = $ids | Where-Object { $_ -like '*/virtualNetworks/vnet-hub' }
    $uami = $ids | Where-Object { $_ -like '*/userAssignedIdentities/uami-astro' }
    function Sorted($Values) { @($Values | Sort-Object -Unique) }
    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
}
AfterAll { Disconnect-Astro; Disconnect-AstroAzure }

Describe 'Objects pipe in by property name' {
    BeforeEach { Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/requests" | Out-Null }
    AfterEach { @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0 -Because 'every call here is -WhatIf or a read' }

    It 'a Deployment binds -DeploymentId of the allowlist cmdlets; its own ClusterId does not make it ambiguous' {
        foreach ($cmdlet in 'Add-AstroAllowlist', 'Sync-AstroAllowlist') {
            $change = Get-AstroDeployment -Name etl | & $cmdlet -ResourceId $storage -WhatIf
            Sorted $change.Added | Should -Be (Sorted $etl.externalIPs) -Because $cmdlet
        }
        (Get-AstroDeployment -Name etl | Test-AstroAllowlist -ResourceId $storage).Missing | Sort-Object | Should -Be (Sorted $etl.externalIPs)
    }

    It 'the IP pipeline keeps working: Deployment | Get-AstroExternalIp | Add-AstroAllowlist' {
        $change = Get-AstroDeployment -Name etl | Get-AstroExternalIp | Add-AstroAllowlist -ResourceId $storage -WhatIf
        Sorted $change.Added | Should -Be (Sorted $etl.externalIPs)
    }

    It 'a cluster binds -ClusterId, and several piped Deployments add up' {
        # -Force: the hybrid cluster and sandbox share the account's region (westus2), which the same-region guard refuses.
        Sorted (Get-AstroCluster -Name azure-hybrid | Add-AstroAllowlist -ResourceId $storage -WhatIf -Force -WarningAction SilentlyContinue).Added | Should -Be (Sorted $hybrid.metadata.externalIPs)
        Sorted (Get-AstroCluster -Name azure-hybrid | Get-AstroExternalIp | Sync-AstroAllowlist -ResourceId $storage -WhatIf -Force -WarningAction SilentlyContinue).Added | Should -Be (Sorted $hybrid.metadata.externalIPs)
        Sorted (Get-AstroDeployment -Name etl, sandbox | Add-AstroAllowlist -ResourceId $storage -WhatIf -Force -WarningAction SilentlyContinue).Added | Should -Be (Sorted ($etl.externalIPs + $sandbox.externalIPs))
    }

    It 'a typed -ClusterId next to a piped Deployment is ambiguous, and says so' {
        $err = { Get-AstroDeployment -Name etl | Add-AstroAllowlist -ResourceId $storage -ClusterId $hybrid.id -WhatIf } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousIpSource,*'
        $err = { Add-AstroAllowlist -ResourceId $storage -DeploymentId ' ' -WhatIf } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'EmptyAstroId,*'
    }

    It 'an Az VNet object (anything with a VNet Id) binds -VirtualNetworkId of the peering cmdlets' {
        $azVnet = [pscustomobject]@{ Id = $vnet; Name = 'vnet-hub'; ResourceGroupName = 'rg-network' }
        ($azVnet | Get-AstroVnetPeering).VirtualNetworkId | Sort-Object -Unique | Should -Be $vnet
        ($azVnet | Grant-AstroPeeringRole -ClusterId $org.clusters[0].id -WhatIf).VirtualNetworkId | Sort-Object -Unique | Should -Be $vnet
    }

    It 'an Az identity object binds -IdentityResourceId of the workload identity cmdlets by Id' {
        $azIdentity = [pscustomobject]@{ Id = $uami; Name = 'uami-astro'; ClientId = [guid]::NewGuid().ToString() }
        ($azIdentity | Get-AstroWorkloadIdentity).IdentityResourceId | Sort-Object -Unique | Should -Be $uami
        ($azIdentity | Grant-AstroWorkloadIdentity -DeploymentId $etl.id -WhatIf).IdentityResourceId | Should -Be $uami
    }
}

Describe 'Argument completion of Astro IDs on the allowlist cmdlets' {
    BeforeAll {
        function Get-Completion([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
    }

    It 'completes -DeploymentId and -ClusterId of <_> from the Astro API, with the name in the menu' -ForEach 'Add-AstroAllowlist', 'Remove-AstroAllowlist', 'Sync-AstroAllowlist', 'Get-AstroAllowlist', 'Test-AstroAllowlist' {
        $got = Get-Completion "$_ -ResourceId x -DeploymentId $($etl.id.Substring(0, $etl.id.Length - 2))"
        $got.CompletionText | Should -Be @($etl.id)
        $got[0].ListItemText | Should -Match 'etl'
        (Get-Completion "$_ -ResourceId x -ClusterId ").CompletionText | Should -Contain $hybrid.id
    }
}

Describe 'Default views at 80 columns' {
    BeforeAll {
        # Columns that must be in the header, values that must appear whole, and whether an ellipsis may appear at all
        # (only where a long ID is the last column).
        $cases = @(
            @{ Type = 'AstroDeployment'; Run = { Get-AstroDeployment -Name etl, sandbox }; Columns = 'Name', 'Id', 'Type', 'Status'; Values = { 'etl', 'sandbox', $etl.id, $sandbox.id } }
            @{ Type = 'AstroCluster'; Run = { Get-AstroCluster }; Columns = 'Name', 'Id', 'Type', 'Cloud', 'Region'; Values = { $org.clusters.name + $org.clusters.id | Where-Object { $_ } | Select-Object -First 4 } }
            @{ Type = 'AstroExternalIp'; Run = { Get-AstroDeployment -Name etl | Get-AstroExternalIp }; Columns = 'IpAddress', 'SourceName', 'SourceId'; Values = { $etl.externalIPs + $etl.id } }
            @{ Type = 'AllowlistChange'; Run = { Get-AstroDeployment -Name etl | Add-AstroAllowlist -ResourceId $storage, $sql -WhatIf }; Columns = 'ResourceName', 'Changed', 'Added', 'Removed', 'AlreadyPresent'; Values = { 'stcontosowest01', 'sql-contoso-data', 'WhatIf' + $etl.externalIPs } }
            @{ Type = 'AllowlistEntry'; Run = { Get-AstroAllowlist -ResourceId $sql }; Columns = 'ResourceName', 'Value', 'Name', 'Owner'; Values = { 'sql-contoso-data', 'AllowAllWindowsAzureIps', 'branch-range', '203.0.113.0/24' } }
            @{ Type = 'AllowlistTestResult'; Run = { Test-AstroAllowlist -ResourceId $storage, $sql -DeploymentId $etl.id }; Columns = 'ResourceName', 'Allowed', 'Missing', 'ResourceType'; Values = { 'stcontosowest01', 'sql-contoso-data', 'Storage/storageAccounts' + $etl.externalIPs } }
            @{ Type = 'PrivateEndpointConnection'; Run = { Get-AstroPrivateEndpointConnection -ResourceId $app }; Columns = 'ResourceName', 'Status', 'Name'; Values = { 'app-contoso-portal', 'pe-analytics-sites.b8e0', 'Approved' } }
            @{ Type = 'PrivateEndpointConnectionChange'; Run = { Get-AstroPrivateEndpointConnection -ResourceId $app | Approve-AstroPrivateEndpointConnection -WhatIf }; Columns = 'ResourceName', 'Action', 'Status', 'Changed', 'Name'; Values = { 'app-contoso-portal', 'pe-analytics-sites.b8e0', 'Approve' } }
            @{ Type = 'PrivateLinkRequest'; Run = { New-AstroPrivateLinkRequest -ResourceId $storage -GroupId blob -ClusterId $org.clusters[0].id }; Columns = 'ResourceName', 'GroupId', 'ClusterId'; Values = { 'stcontosowest01', 'blob', $org.clusters[0].id }; IdLast = $true }
            @{ Type = 'PeeringTarget'; Run = { Get-AstroPeeringTarget -VirtualNetworkId $vnet }; Columns = 'VirtualNetworkName', 'ResourceGroupName', 'Location', 'AddressPrefixes'; Values = { 'vnet-hub', 'rg-network', '10.1.0.0/16' } }
            @{ Type = 'VnetPeering'; Run = { Get-AstroVnetPeering -VirtualNetworkId $vnet }; Columns = 'Name', 'PeeringState', 'PeeringSyncLevel', 'RemoteAddressPrefixes'; Values = { 'hub-to-shared', 'Connected', '10.2.0.0/16' } }
            @{ Type = 'PeeringGrant'; Run = { Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnet -ClusterId $org.clusters[0].id -WhatIf }; Columns = 'ScopeName', 'RoleName', 'Status', 'Changed'; Values = { 'VirtualNetwork', 'Network Contributor', 'WouldCreate' } }
            @{ Type = 'PeeringRequest'; Run = { New-AstroPeeringRequest -VirtualNetworkId $vnet -ClusterId $org.clusters[0].id }; Columns = 'ClusterId', 'VirtualNetwork', 'TenantId'; Values = { $org.clusters[0].id, 'vnet-hub', $scenario.azure.tenants[0].id } }
            @{ Type = 'WorkloadIdentityCredential'; Run = { Get-AstroWorkloadIdentity -IdentityResourceId $uami }; Columns = 'Name', 'DeploymentName', 'Workload', 'Status'; Values = { 'stellar-nebula-1037-scheduler', 'reporting', 'scheduler' } }
        )
    }

    It 'Format-Table of <Type> shows its name and key columns whole at 80 columns' -ForEach @(
        'AstroDeployment', 'AstroCluster', 'AstroExternalIp', 'AllowlistChange', 'AllowlistEntry', 'AllowlistTestResult', 'PrivateEndpointConnection',
        'PrivateEndpointConnectionChange', 'PrivateLinkRequest', 'PeeringTarget', 'VnetPeering', 'PeeringGrant', 'PeeringRequest', 'WorkloadIdentityCredential' | ForEach-Object { @{ Type = $_ } }) {
        $case = $cases | Where-Object { $_.Type -eq $Type }
        $objects = @(& $case.Run 3>$null)
        $objects | Should -Not -BeNullOrEmpty
        $objects[0].GetType().Name | Should -Be $Type
        $lines = @(($objects | Format-Table | Out-String -Width 80) -split "`r?`n")
        ($lines | Measure-Object Length -Maximum).Maximum | Should -BeLessOrEqual 80
        $header = $lines | Where-Object { $_ -match '\S' } | Select-Object -First 1
        foreach ($column in $case.Columns) { $header | Should -Match "(^|\s)$column(\s|$)" -Because "the $column column must be shown whole" }
        $text = $lines -join "`n"
        foreach ($value in & $case.Values) { $text | Should -Match ([regex]::Escape($value)) -Because "'$value' must not be cut" }
        if (-not $case['IdLast']) { $text | Should -Not -Match '…' }
    }

    It 'the workload identity grant and the Azure context show every ID by default, TenantId included' {
        $grant = Grant-AstroWorkloadIdentity -DeploymentId $etl.id -IdentityResourceId $uami -WhatIf
        $text = $grant | Out-String -Width 80
        foreach ($value in $grant.ClientId, $grant.TenantId, $grant.DeploymentName, $grant.IdentityName) { $text | Should -Match ([regex]::Escape($value)) }
        $context = Get-AstroAzureContext
        $text = $context | Out-String -Width 80
        foreach ($value in $context.Account, $context.TenantId, $context.SubscriptionId, $context.Environment, $context.AuthMethod) { $text | Should -Match ([regex]::Escape($value)) }
    }
}

Describe 'Errors a new user meets' {
    It 'a name given as -DeploymentId says it looks like a name and shows the command that finds the ID' {
        $err = { Get-AstroExternalIp -DeploymentId etl -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AstroDeploymentNotFound,*'
        $err.ErrorDetails.Message | Should -Match "'etl' looks like a deployment name"
        $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("(Get-AstroDeployment -Name 'etl').Id"))
        $err = { Add-AstroAllowlist -ResourceId $storage -ClusterId azure-hybrid -WhatIf } | Should -Throw -PassThru
        $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("(Get-AstroCluster -Name 'azure-hybrid').Id"))
    }

    It 'an unknown ID shaped like an ID gets no name hint' {
        $err = { Get-AstroExternalIp -DeploymentId cm5zzz00000000000000000z9 -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -Not -Match 'looks like'
    }

    It 'Connect-Astro -ApiUrl without /v1 uses /v1 and says so' {
        try {
            Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-test-token' -AsPlainText -Force) -OrganizationId org-test -ApiUrl (Get-EmulatorUrl) -WarningVariable warned 3>$null | Out-Null
            "$((Get-AstroContext).ApiUrl)" | Should -Be "$(Get-EmulatorUrl)v1"
            "$warned" | Should -Match 'no version path; using .*/v1'
        }
        finally { Connect-TestAstro | Out-Null }
    }

    It 'says each sentence once: the advice is the Recommendation, not also the message' {
        $errors = @(
            { Get-AstroExternalIp -DeploymentId etl -ErrorAction Stop }
            { Connect-Astro -ApiToken (ConvertTo-SecureString 'not-a-token' -AsPlainText -Force) -OrganizationId org-test -ApiUrl "$(Get-EmulatorUrl)v1" }
            { Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-test-token' -AsPlainText -Force) -OrganizationId org-elsewhere -ApiUrl "$(Get-EmulatorUrl)v1" }
            { Connect-TestAzure -DisplayName astro-network-readonly | Out-Null; Grant-AstroPeeringRole -VirtualNetworkId $vnet -ClusterId $org.clusters[0].id -ErrorAction Stop }
        ) | ForEach-Object { try { & $_ } catch { $_ } }
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        $errors.Count | Should -Be 4
        foreach ($err in $errors) {
            $advice = $err.ErrorDetails.RecommendedAction
            $advice | Should -Not -BeNullOrEmpty -Because $err.FullyQualifiedErrorId
            foreach ($sentence in $err.ErrorDetails.Message -split '(?<=\.) ' | Where-Object Length -GT 15) {
                $advice | Should -Not -Match ([regex]::Escape($sentence.TrimEnd('.'))) -Because "$($err.FullyQualifiedErrorId) would print '$sentence' twice"
            }
        }
    }

    It 'a sign-in failure before any Connect-AstroAzure names the sources tried and the Connect-AstroAzure forms' {
        # A fresh process: no Azure session, no Az.Accounts, no managed-identity or credential variables.
        $script = "Import-Module '$env:ASTRO_TEST_MODULE'; try { Get-AstroPeeringTarget -VirtualNetworkId '$vnet' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.ErrorDetails.Message; `$_.ErrorDetails.RecommendedAction }"
        $saved = @{}
        foreach ($name in 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'MSI_ENDPOINT', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $null)
        }
        try { $id, $message, $advice = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $script }
        finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
        $id | Should -BeLike 'AzureAuthenticationFailed,*'
        foreach ($source in 'Az.Accounts context', 'managed identity', 'environment credentials', 'az login', 'Connect-AzAccount') { $message | Should -Match ([regex]::Escape($source)) }
        $advice | Should -Match 'Connect-AstroAzure -Identity'
        $advice | Should -Match 'Connect-AstroAzure -TenantId'
        "$message $advice" | Should -Not -Match 'again'
    }
}
