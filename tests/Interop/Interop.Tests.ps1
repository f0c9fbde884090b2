# A second, independent client: Microsoft's az CLI runs the seed's commands unchanged against the emulator, and the
# module then sees and manages what az did (and az what the module did). Run by Invoke-InteropTests.ps1.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/../Pester/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/AzureCli.psm1" -Force
    $scenario = Get-EmulatorScenario
    $app = Get-TestApp
    $sub = $scenario.azure.subscriptions[0].subscriptionId
    $subId = "/subscriptions/$sub"
    $rgId = "$subId/resourceGroups/rg-network"
    $vnetId = "$rgId/providers/Microsoft.Network/virtualNetworks/vnet-hub"
    $storageId = Get-SeededResource 'Microsoft.Storage/storageAccounts'
    $astroAppId = 'a67e6057-7138-4f78-bbaf-fd9db7b8aab0'
    $networkContributor = '4d97b98b-1d4f-4787-a291-c67834d212e7'
    $scopes = @($vnetId, $rgId, $subId)

    function Get-AzGrant { @(Invoke-Az role assignment list --all --assignee $astroAppId) }
    function Get-SucceededWrite { @(Get-EmulatorRequest -WritesOnly | Where-Object { $_.status -lt 400 }) }
    function Get-RoleGuid([string] $RoleDefinitionId) { ($RoleDefinitionId -split '/')[-1] }

    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
}

Describe 'Azure CLI against the emulator, then the module on what az did' {
    It 'registers the emulator as a custom cloud and signs in with the CI service principal (client secret)' {
        Register-EmulatorCloud -EmulatorUrl (Get-EmulatorUrl)
        $subscriptions = @(Connect-EmulatorAzureCli -TenantId $app.tenantId -ClientId $app.clientId -ClientSecret $app.secret)
        $subscriptions.id | Should -Contain $sub
        Invoke-Az account set --subscription $sub | Out-Null
        $account = Invoke-Az account show
        $account.tenantId | Should -Be $app.tenantId
        $account.user.name | Should -Be $app.clientId
        $account.user.type | Should -Be 'servicePrincipal'
        $account.environmentName | Should -Be 'AstroEmulator'
    }

    It 'Connect-AstroAzure -UseAzureCli signs the module in with az''s login (az account get-access-token) and reads ARM with it' {
        $emulator = Get-EmulatorUrl
        $context = Connect-AstroAzure -UseAzureCli -Environment Custom -ResourceManagerUrl $emulator -GraphUrl "${emulator}graph/" -AuthorityHost $emulator -SubscriptionId $sub -WarningAction SilentlyContinue
        $context.AuthMethod | Should -Be 'AzureCli'
        $context.Account | Should -Be $app.clientId
        $context.SubscriptionId | Should -Be $sub
        Get-AstroPeeringTarget -VirtualNetworkId $vnetId | Should -Not -BeNullOrEmpty
        Connect-TestAzure | Out-Null
    }

    It 'az ad sp create adds Astronomer''s service principal' {
        $sp = Invoke-Az ad sp create --id $astroAppId
        $sp.appId | Should -Be $astroAppId
        $sp.id | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest | Where-Object { $_.service -eq 'graph' -and $_.method -eq 'POST' -and $_.status -eq 201 }).Count | Should -Be 1
    }

    It 'az role assignment create grants Network Contributor on the VNet, its resource group and the subscription' {
        foreach ($scope in $scopes) {
            $assignment = New-AzRoleAssignmentWithRetry -Assignee $astroAppId -Role 'Network Contributor' -Scope $scope
            $assignment.scope | Should -Be $scope
            Get-RoleGuid $assignment.roleDefinitionId | Should -Be $networkContributor
            $assignment.principalType | Should -Be 'ServicePrincipal'
        }
    }

    It 'az role assignment list --all shows the three grants' {
        $grants = Get-AzGrant
        $grants.Count | Should -Be 3
        $grants.scope | Sort-Object | Should -Be ($scopes | Sort-Object)
        $grants.roleDefinitionName | Select-Object -Unique | Should -Be 'Network Contributor'
    }

    It 'az network vnet show and vnet peering list agree with the module' {
        $vnet = Invoke-Az network vnet show --resource-group rg-network --name vnet-hub
        $vnet.id | Should -Be $vnetId
        $target = Get-AstroPeeringTarget -VirtualNetworkId $vnetId
        $vnet.addressSpace.addressPrefixes | Should -Be $target.AddressPrefixes
        $peerings = @(Invoke-Az network vnet peering list --resource-group rg-network --vnet-name vnet-hub)
        $peerings.name | Should -Contain 'hub-to-shared'
        ($peerings.name | Sort-Object) | Should -Be (@(Get-AstroVnetPeering -VirtualNetworkId $vnetId).Name | Sort-Object)
    }

    It 'Grant-AstroPeeringRole -RoleMode NetworkContributor reports AlreadyExisted for az''s grants and writes nothing' {
        Clear-EmulatorRequest
        $grants = Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId
        $grants.ScopeId | Should -Be $scopes
        $grants.Status | Should -Be @('AlreadyExisted', 'AlreadyExisted', 'AlreadyExisted')
        Get-SucceededWrite | Should -BeNullOrEmpty
    }

    It 'Remove-AstroPeeringRole keeps the az-created grants (the module did not make them) and names why' {
        Clear-EmulatorRequest
        $kept = Remove-AstroPeeringRole -VirtualNetworkId $vnetId
        $kept.Status | Should -Be @('Kept', 'Kept', 'Kept')
        $kept.KeptReasons | ForEach-Object { $_ | Should -Match 'not created by Astro.Network' }
        Get-SucceededWrite | Should -BeNullOrEmpty
        (Get-AzGrant).Count | Should -Be 3
    }

    It 'Remove-AstroPeeringRole -IncludeExisting removes the az-created grants, and az then lists none' {
        (Remove-AstroPeeringRole -VirtualNetworkId $vnetId -IncludeExisting -Confirm:$false).Status | Should -Be @('Removed', 'Removed', 'Removed')
        Get-AzGrant | Should -BeNullOrEmpty
    }

    It 'az sees the module''s grants and az role assignment delete removes one of them' {
        (Grant-AstroPeeringRole -RoleMode NetworkContributor -VirtualNetworkId $vnetId).Status | Should -Be @('Created', 'Created', 'Created')
        (Get-AzGrant).scope | Sort-Object | Should -Be ($scopes | Sort-Object)
        Invoke-Az role assignment delete --assignee $astroAppId --role 'Network Contributor' --scope $vnetId | Out-Null
        (Get-AzGrant).scope | Sort-Object | Should -Be (@($rgId, $subId) | Sort-Object)
        (Remove-AstroPeeringRole -VirtualNetworkId $vnetId -Confirm:$false).Status | Should -Be @('NotPresent', 'Removed', 'Removed')
    }

    It 'az storage account network-rule add is seen by Get-AstroAllowlist, and az sees the module''s entry beside it' {
        $before = @((Get-AstroAllowlist -ResourceId $storageId).Value)
        $acls = Invoke-Az storage account network-rule add --resource-group rg-data --account-name ($storageId -split '/')[-1] --ip-address 198.51.100.77
        $acls.networkRuleSet.ipRules.ipAddressOrRange | Should -Contain '198.51.100.77'
        $entry = Get-AstroAllowlist -ResourceId $storageId | Where-Object Value -EQ '198.51.100.77'
        $entry | Should -Not -BeNullOrEmpty
        $entry.IsAstroOwned | Should -BeFalse
        (Add-AstroAllowlist -ResourceId $storageId -IpAddress '203.0.113.90').Added | Should -Be @('203.0.113.90')
        $rules = (Invoke-Az storage account network-rule list --resource-group rg-data --account-name ($storageId -split '/')[-1]).ipRules.ipAddressOrRange
        foreach ($ip in $before + '198.51.100.77' + '203.0.113.90') { $rules | Should -Contain $ip }
        $rules.Count | Should -Be ($before.Count + 2)
    }
}

# Each allowlist type az 2.45 can drive, both ways: az's own rule is read (no owner) and survives the module's Add, Sync
# and Remove; the module's entry shows in az's own listing. Addresses: az's 198.51.100.8x, the module's 203.0.113.1xx.
Describe 'Allowlists: az and the module on one firewall' {
    BeforeAll {
        $data = "$subId/resourceGroups/rg-data/providers"
        # Addresses as az lists them, single hosts without /32 (Key Vault and App Service add it).
        function Get-AzAddress { param([scriptblock] $List) @(& $List | ForEach-Object { $_ -replace '/32$' }) }
    }

    It '<Name>: az''s rule is read (no owner) and kept through Add, Sync and Remove; az lists each of the module''s changes' -ForEach @(
        @{ Name = 'Key Vault'; Resource = 'Microsoft.KeyVault/vaults/kv-contoso-data'; Az = '198.51.100.81'; Mine = '203.0.113.101', '203.0.113.102'
            Add = { param($ip) Invoke-Az keyvault network-rule add -g rg-data -n kv-contoso-data --ip-address $ip | Out-Null }
            List = { (Invoke-Az keyvault network-rule list -g rg-data -n kv-contoso-data).ipRules.value } }
        @{ Name = 'SQL server'; Resource = 'Microsoft.Sql/servers/sql-contoso-data'; Az = '198.51.100.82'; Mine = '203.0.113.103', '203.0.113.104'
            Add = { param($ip) Invoke-Az sql server firewall-rule create -g rg-data -s sql-contoso-data -n az-interop --start-ip-address $ip --end-ip-address $ip | Out-Null }
            List = { (Invoke-Az sql server firewall-rule list -g rg-data -s sql-contoso-data).startIpAddress } }
        @{ Name = 'Cosmos DB'; Resource = 'Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data'; Az = '198.51.100.83'; Mine = '203.0.113.105', '203.0.113.106'
            # --ip-range-filter replaces the list: az users pass what is there plus the new range.
            Add = { param($ip) $all = @((Invoke-Az cosmosdb show -g rg-data -n cosmos-contoso-data).ipRules.ipAddressOrRange) + $ip
                Invoke-Az cosmosdb update -g rg-data -n cosmos-contoso-data --ip-range-filter ($all -join ',') | Out-Null }
            List = { (Invoke-Az cosmosdb show -g rg-data -n cosmos-contoso-data).ipRules.ipAddressOrRange } }
        @{ Name = 'Container Registry'; Resource = 'Microsoft.ContainerRegistry/registries/acrcontosodata'; Az = '198.51.100.84'; Mine = '203.0.113.107', '203.0.113.108'
            Add = { param($ip) Invoke-Az acr network-rule add -g rg-data -n acrcontosodata --ip-address $ip | Out-Null }
            List = { (Invoke-Az acr network-rule list -g rg-data -n acrcontosodata).ipRules.ipAddressOrRange } }
        @{ Name = 'Event Hubs'; Resource = 'Microsoft.EventHub/namespaces/evhns-contoso-ingest'; Az = '198.51.100.85'; Mine = '203.0.113.109', '203.0.113.110'
            Add = { param($ip) Invoke-Az eventhubs namespace network-rule add -g rg-data --namespace-name evhns-contoso-ingest --ip-address $ip | Out-Null }
            List = { (Invoke-Az eventhubs namespace network-rule list -g rg-data --namespace-name evhns-contoso-ingest).ipRules.ipMask } }
        @{ Name = 'Service Bus'; Resource = 'Microsoft.ServiceBus/namespaces/sbns-contoso-events'; Az = '198.51.100.86'; Mine = '203.0.113.111', '203.0.113.112'
            Add = { param($ip) Invoke-Az servicebus namespace network-rule add -g rg-data --namespace-name sbns-contoso-events --ip-address $ip | Out-Null }
            List = { (Invoke-Az servicebus namespace network-rule list -g rg-data --namespace-name sbns-contoso-events).ipRules.ipMask } }
        @{ Name = 'App Service'; Resource = 'Microsoft.Web/sites/app-contoso-portal'; Az = '198.51.100.87'; Mine = '203.0.113.113', '203.0.113.114'
            Add = { param($ip) Invoke-Az webapp config access-restriction add -g rg-data -n app-contoso-portal --rule-name az-interop --action Allow --ip-address "$ip/32" --priority 300 | Out-Null }
            List = { (Invoke-Az webapp config access-restriction show -g rg-data -n app-contoso-portal).ipSecurityRestrictions.ip_address } }
        # On NSGs the module lists only its own rules (astro-<owner>-allow-<port>): az's rule is kept but not listed.
        @{ Name = 'Network security group'; Resource = 'Microsoft.Network/networkSecurityGroups/nsg-contoso-data'; Az = '198.51.100.88'; Mine = '203.0.113.115', '203.0.113.116'; Port = 443; Listed = $false
            Add = { param($ip) Invoke-Az network nsg rule create -g rg-data --nsg-name nsg-contoso-data -n az-interop --priority 310 --access Allow --protocol Tcp --direction Inbound --source-address-prefixes $ip --destination-port-ranges 443 | Out-Null }
            List = { (Invoke-Az network nsg rule list -g rg-data --nsg-name nsg-contoso-data) | Where-Object access -EQ 'Allow' | ForEach-Object { $_.sourceAddressPrefix; $_.sourceAddressPrefixes } } }
    ) {
        $id = "$data/$Resource"
        $port = if ($_.ContainsKey('Port')) { @{ Port = $Port } } else { @{} }
        $listed = -not $_.ContainsKey('Listed')
        & $Add $Az
        $theirs = Get-AstroAllowlist -ResourceId $id @port | Where-Object Value -EQ $Az
        if ($listed) {
            $theirs.Owner | Should -BeNullOrEmpty
            $theirs.IsAstroOwned | Should -BeFalse
        }
        @($theirs).Count | Should -Be ([int]$listed)

        (Add-AstroAllowlist -ResourceId $id -IpAddress $Mine[0] @port).Added | Should -Be $Mine[0]
        $seen = Get-AzAddress $List
        $seen | Should -Contain $Az
        $seen | Should -Contain $Mine[0]

        $sync = Sync-AstroAllowlist -ResourceId $id -IpAddress $Mine[1] @port
        $sync.Added, $sync.Removed | Should -Be $Mine[1], $Mine[0]
        $seen = Get-AzAddress $List
        $seen | Should -Contain $Az
        $seen | Should -Contain $Mine[1]
        $seen | Should -Not -Contain $Mine[0]

        (Remove-AstroAllowlist -ResourceId $id -IpAddress $Mine[1] @port).Removed | Should -Be $Mine[1]
        $seen = Get-AzAddress $List
        $seen | Should -Contain $Az
        $seen | Should -Not -Contain $Mine[1]
        @(Get-AstroAllowlist -ResourceId $id @port | Where-Object Value -EQ $Az).Count | Should -Be ([int]$listed)
    }
}

