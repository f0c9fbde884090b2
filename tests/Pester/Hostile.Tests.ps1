# Hostile input catalogue: every case must stop with a stable error id and category, name what it refused, finish in
# bounded time and write nothing. Cases run in a second runspace so a hang fails the case instead of the whole run.
BeforeDiscovery {
    $sub = '7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57'
    $data = "/subscriptions/$sub/resourceGroups/rg-data/providers"
    $storage = "$data/Microsoft.Storage/storageAccounts/stcontosodata01"
    $sql = "$data/Microsoft.Sql/servers/sql-contoso-data"
    $nsg = "$data/Microsoft.Network/networkSecurityGroups/nsg-contoso-data"
    $psql = "$data/Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-data"
    $aksBusy = "$data/Microsoft.ContainerService/managedClusters/aks-contoso-busy"
    $aksStopped = "$data/Microsoft.ContainerService/managedClusters/aks-contoso-stopped"
    $vnet = "/subscriptions/$sub/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub"
    $uami = "/subscriptions/$sub/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-astro"
    $crowded = $uami -replace 'uami-astro$', 'uami-crowded'
    $dedicated = 'cm4azded000000000000000a1'
    $aws = 'cm4awsded00000000000000c3'
    $standard = 'cm4stdazwus2000000000shr1'
    $etl = 'cm5etl00000000000000000d1'
    $shared = "$data/Microsoft.Storage/storageAccounts/stcontososhared"
    $strangerPe = 'pe-blob-partner.91d0'
    $astroSub = '00000000-0000-4000-8000-00000000a570'

    # Cmdlet: the command that must fail; Run: the call (a string, run in the case runspace); ErrorId and Category: the
    # expected error; Mentions: a regex the message must match (the refused input); Arrange: a fault or sign-in first;
    # NoTarget: PowerShell's own parameter validation, which sets no TargetObject.
    $cases = @(
        # Malformed and reserved IPs.
        @{ Name = 'octet over 255'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress 999.1.1.1"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = '999.1.1.1' }
        @{ Name = 'three octets'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress 1.2.3"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = '1.2.3' }
        @{ Name = 'prefix /33'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress 10.0.0.0/33"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = '10.0.0.0/33' }
        @{ Name = 'negative prefix'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress 203.0.113.0/-1"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = '203.0.113.0/-1' }
        @{ Name = 'shell text after an IP'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress '203.0.113.7; rm -rf /'"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = 'rm -rf' }
        @{ Name = 'the whole internet 0.0.0.0/0'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 0.0.0.0/0"; ErrorId = 'NonRoutableIpAddress'; Category = 'InvalidArgument'; Mentions = '0.0.0.0/0' }
        @{ Name = 'unspecified 0.0.0.0'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 0.0.0.0"; ErrorId = 'NonRoutableIpAddress'; Category = 'InvalidArgument'; Mentions = '0.0.0.0' }
        @{ Name = 'loopback'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 127.0.0.1"; ErrorId = 'NonRoutableIpAddress'; Category = 'InvalidArgument'; Mentions = '127.0.0.1' }
        @{ Name = 'link-local metadata address'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 169.254.169.254"; ErrorId = 'NonRoutableIpAddress'; Category = 'InvalidArgument'; Mentions = '169.254.169.254' }
        @{ Name = 'multicast'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 224.0.0.251"; ErrorId = 'NonRoutableIpAddress'; Category = 'InvalidArgument'; Mentions = '224.0.0.251' }
        @{ Name = 'broadcast'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 255.255.255.255"; ErrorId = 'NonRoutableIpAddress'; Category = 'InvalidArgument'; Mentions = '255.255.255.255' }
        @{ Name = 'private range on storage'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress 10.1.2.3"; ErrorId = 'PrivateIpNotAllowed'; Category = 'InvalidArgument'; Mentions = '10.1.2.3' }
        @{ Name = 'IPv6 on SQL'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 2001:db8::1"; ErrorId = 'IPv6NotSupported'; Category = 'InvalidArgument'; Mentions = '2001:db8::1' }
        @{ Name = 'IPv6 on PostgreSQL flexible'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$psql' -IpAddress 2001:db8::/64"; ErrorId = 'IPv6NotSupported'; Category = 'InvalidArgument'; Mentions = '2001:db8::/64' }
        @{ Name = 'IPv6 on storage'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress 2001:db8::7"; ErrorId = 'IPv6NotSupported'; Category = 'InvalidArgument'; Mentions = '2001:db8::7' }
        @{ Name = 'CIDR with host bits set'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 203.0.113.7/24"; ErrorId = 'IpRangeHostBitsSet'; Category = 'InvalidArgument'; Mentions = '203.0.113.0/24' }
        @{ Name = 'malformed IP on remove'; Cmdlet = 'Remove-AstroAllowlist'; Run = "Remove-AstroAllowlist -ResourceId '$sql' -IpAddress 300.1.1.1"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = '300.1.1.1' }
        @{ Name = 'malformed previous IP on sync'; Cmdlet = 'Sync-AstroAllowlist'; Run = "Sync-AstroAllowlist -ResourceId '$sql' -IpAddress 203.0.113.9 -PreviousIpAddress 203.0.113"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = '203.0.113' }
        @{ Name = 'malformed IP on test'; Cmdlet = 'Test-AstroAllowlist'; Run = "Test-AstroAllowlist -ResourceId '$sql' -IpAddress 1.2.3.4.5"; ErrorId = 'InvalidIpAddress'; Category = 'InvalidArgument'; Mentions = '1.2.3.4.5' }
        @{ Name = 'private range on a vault that sees public egress'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.KeyVault/vaults/kv-contoso-data' -IpAddress 192.168.4.0/24"; ErrorId = 'PrivateIpNotAllowed'; Category = 'InvalidArgument'; Mentions = '192.168.4.0/24' }

        # Effective access (issue 11): a write that would open, close, do nothing, or that Azure refuses.
        @{ Name = 'closing an open Cosmos DB account'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-open' -IpAddress 203.0.113.9"; ErrorId = 'AllowlistWouldRestrictResource'; Category = 'InvalidOperation'; Mentions = 'cosmos-contoso-open' }
        @{ Name = 'opening a Service Bus namespace by removing its last rule'; Cmdlet = 'Remove-AstroAllowlist'; Run = "Remove-AstroAllowlist -ResourceId '$data/Microsoft.ServiceBus/namespaces/sbns-contoso-events' -IpAddress 203.0.113.0/24 -AdoptExisting"; ErrorId = 'AllowlistWouldOpenResource'; Category = 'InvalidOperation'; Mentions = 'sbns-contoso-events' }
        @{ Name = 'entries without effect (defaultAction Allow)'; Cmdlet = 'Sync-AstroAllowlist'; Run = "Sync-AstroAllowlist -ResourceId '$data/Microsoft.Storage/storageAccounts/stcontosoallow01' -IpAddress 203.0.113.9"; ErrorId = 'AllowlistDefaultActionAllow'; Category = 'InvalidOperation'; Mentions = 'stcontosoallow01' }
        @{ Name = 'storage in the Deployment''s own region'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -DeploymentId $etl"; ErrorId = 'AllowlistSameRegion'; Category = 'InvalidOperation'; Mentions = 'stcontosodata01' }
        @{ Name = 'a Basic registry even with -Force'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.ContainerRegistry/registries/acrcontosobuild' -IpAddress 203.0.113.9 -Force"; ErrorId = 'AllowlistSkuNotSupported'; Category = 'InvalidOperation'; Mentions = 'acrcontosobuild' }
        @{ Name = 'a SQL server with public access disabled'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.Sql/servers/sql-contoso-private' -IpAddress 203.0.113.9"; ErrorId = 'AllowlistPublicAccessDisabled'; Category = 'InvalidOperation'; Mentions = 'sql-contoso-private' }
        @{ Name = 'a PostgreSQL server in private access'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-private' -IpAddress 203.0.113.9 -Force"; ErrorId = 'AllowlistPrivateAccessMode'; Category = 'InvalidOperation'; Mentions = 'psql-contoso-private' }
        @{ Name = 'a Basic Event Hubs namespace'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.EventHub/namespaces/evhns-contoso-basic' -IpAddress 203.0.113.9"; ErrorId = 'AllowlistTierNotSupported'; Category = 'InvalidOperation'; Mentions = 'evhns-contoso-basic' }
        @{ Name = 'NSG port out of range'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$nsg' -IpAddress 203.0.113.9 -Port 70000"; ErrorId = 'InvalidPort'; Category = 'InvalidArgument'; Mentions = '70000' }
        @{ Name = 'NSG write without a port'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$nsg' -IpAddress 203.0.113.9"; ErrorId = 'NsgPortRequired'; Category = 'InvalidArgument'; Mentions = '-Port' }
        @{ Name = 'NSG sync without a port'; Cmdlet = 'Sync-AstroAllowlist'; Run = "Sync-AstroAllowlist -ResourceId '$nsg' -IpAddress 203.0.113.9"; ErrorId = 'NsgPortRequired'; Category = 'InvalidArgument'; Mentions = 'nsg-contoso-data' }
        @{ Name = 'NSG destination of the other family'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$nsg' -IpAddress 2001:db8::9 -Port 443 -DestinationAddressPrefix 10.0.0.0/24"; ErrorId = 'NsgDestinationFamilyMismatch'; Category = 'InvalidArgument'; Mentions = '10.0.0.0/24' }
        @{ Name = 'NSG destination with shell text'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$nsg' -IpAddress 203.0.113.9 -Port 443 -DestinationAddressPrefix 'VirtualNetwork; rm -rf /'"; ErrorId = 'InvalidDestinationAddressPrefix'; Category = 'InvalidArgument'; Mentions = 'rm -rf' }
        @{ Name = 'AKS cluster mid-operation'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$aksBusy' -IpAddress 198.51.100.9"; ErrorId = 'AksClusterBusy'; Category = 'ResourceBusy'; Mentions = 'aks-contoso-busy.*Updating' }
        @{ Name = 'AKS cluster stopped'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$aksStopped' -IpAddress 198.51.100.9"; ErrorId = 'AksClusterStopped'; Category = 'ResourceBusy'; Mentions = 'aks-contoso-stopped' }

        # Private Link approvals that would trust someone Astronomer did not name on the ticket.
        @{ Name = 'a stranger''s connection, no match parameter'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Approve-AstroPrivateEndpointConnection -ResourceId '$shared' -Name $strangerPe"; ErrorId = 'PrivateEndpointRequesterNotTrusted'; Category = 'SecurityError'; Mentions = '3c9d5e1f-7a2b-4c8d-9e0f-1a2b3c4d5e6f' }
        @{ Name = 'a stranger''s connection that does not name the cluster'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Approve-AstroPrivateEndpointConnection -ResourceId '$shared' -Name $strangerPe -ClusterId $dedicated"; ErrorId = 'PrivateEndpointRequesterNotTrusted'; Category = 'SecurityError'; Mentions = "does not name cluster '$dedicated'" }
        @{ Name = 'a stranger''s connection from another subscription'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Approve-AstroPrivateEndpointConnection -ResourceId '$shared' -Name $strangerPe -RequesterSubscriptionId $astroSub"; ErrorId = 'PrivateEndpointRequesterNotTrusted'; Category = 'SecurityError'; Mentions = 'rg-unknown' }
        @{ Name = 'a piped stranger''s connection vouching for itself'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Get-AstroPrivateEndpointConnection -ResourceId '$shared' | Where-Object Name -EQ $strangerPe | Approve-AstroPrivateEndpointConnection"; ErrorId = 'PrivateEndpointRequesterNotTrusted'; Category = 'SecurityError'; Mentions = $strangerPe }
        @{ Name = 'a requester subscription that is no GUID'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Approve-AstroPrivateEndpointConnection -ResourceId '$shared' -Name $strangerPe -RequesterSubscriptionId 'astronomer; drop'"; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Mentions = 'astronomer; drop' }
        @{ Name = 'a storage account as the private endpoint ID'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Approve-AstroPrivateEndpointConnection -ResourceId '$shared' -Name $strangerPe -PrivateEndpointId '$storage'"; ErrorId = 'InvalidPrivateEndpointId'; Category = 'InvalidArgument'; Mentions = 'stcontosodata01' }

        # Malformed and wrong-type resource IDs.
        @{ Name = 'not a resource ID'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId 'not/a/resource/id' -IpAddress 203.0.113.9"; ErrorId = 'InvalidResourceId'; Category = 'InvalidArgument'; Mentions = 'not/a/resource/id' }
        @{ Name = 'empty resource group segment'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '/subscriptions/$sub/resourceGroups//providers/Microsoft.Storage/storageAccounts/stcontosodata01' -IpAddress 203.0.113.9"; ErrorId = 'InvalidResourceId'; Category = 'InvalidArgument'; Mentions = 'resourceGroups//' }
        @{ Name = 'no resource name'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.Storage/storageAccounts' -IpAddress 203.0.113.9"; ErrorId = 'InvalidResourceId'; Category = 'InvalidArgument'; Mentions = 'storageAccounts' }
        @{ Name = 'subscription not a GUID'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '/subscriptions/contoso/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stcontosodata01' -IpAddress 203.0.113.9"; ErrorId = 'InvalidResourceId'; Category = 'InvalidArgument'; Mentions = '/subscriptions/contoso' }
        @{ Name = 'dot-dot segments'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.Storage/storageAccounts/../../../rg-network/providers/Microsoft.Network/networkSecurityGroups/nsg-hub-default' -IpAddress 203.0.113.9"; ErrorId = 'InvalidResourceId'; Category = 'InvalidArgument'; Mentions = '..' }
        @{ Name = 'query string in the name'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$($storage)?api-version=2015-01-01' -IpAddress 203.0.113.9"; ErrorId = 'InvalidResourceId'; Category = 'InvalidArgument'; Mentions = '\?api-version' }
        @{ Name = 'fragment in the name'; Cmdlet = 'Get-AstroAllowlist'; Run = "Get-AstroAllowlist -ResourceId '$($storage)#x'"; ErrorId = 'InvalidResourceId'; Category = 'InvalidArgument'; Mentions = '#x' }
        @{ Name = 'unsupported provider'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '/subscriptions/$sub/resourceGroups/rg-data/providers/Microsoft.Compute/virtualMachines/vm1' -IpAddress 203.0.113.9"; ErrorId = 'UnsupportedResourceType'; Category = 'InvalidArgument'; Mentions = 'Microsoft.Compute/virtualMachines' }
        @{ Name = 'a VNet where a firewall resource is expected'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$vnet' -IpAddress 203.0.113.9"; ErrorId = 'UnsupportedResourceType'; Category = 'InvalidArgument'; Mentions = 'Microsoft.Network/virtualNetworks' }
        @{ Name = 'a storage account where a VNet is expected'; Cmdlet = 'Grant-AstroPeeringRole'; Run = "Grant-AstroPeeringRole -VirtualNetworkId '$storage' -ClusterId $dedicated"; ErrorId = 'WrongResourceType'; Category = 'InvalidArgument'; Mentions = 'Microsoft.Storage/storageAccounts' }
        @{ Name = 'a storage account as the peering target'; Cmdlet = 'Get-AstroPeeringTarget'; Run = "Get-AstroPeeringTarget -VirtualNetworkId '$storage'"; ErrorId = 'WrongResourceType'; Category = 'InvalidArgument'; Mentions = 'Microsoft.Storage/storageAccounts' }
        @{ Name = 'a VNet where a managed identity is expected'; Cmdlet = 'Grant-AstroWorkloadIdentity'; Run = "Grant-AstroWorkloadIdentity -DeploymentId $etl -IdentityResourceId '$vnet'"; ErrorId = 'WrongResourceType'; Category = 'InvalidArgument'; Mentions = 'Microsoft.Network/virtualNetworks' }
        @{ Name = 'a VNet where a Private Link resource is expected'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Approve-AstroPrivateEndpointConnection -ResourceId '$vnet' -Name pe-x"; ErrorId = 'UnsupportedResourceType'; Category = 'InvalidArgument'; Mentions = 'Microsoft.Network/virtualNetworks' }
        @{ Name = 'PostgreSQL flexible for Private Link'; Cmdlet = 'New-AstroPrivateLinkRequest'; Run = "New-AstroPrivateLinkRequest -ResourceId '$psql' -GroupId postgresqlServer"; ErrorId = 'UnsupportedResourceType'; Category = 'InvalidArgument'; Mentions = 'Microsoft.DBforPostgreSQL/flexibleServers' }
        @{ Name = 'a resource that does not exist'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$data/Microsoft.Storage/storageAccounts/nosuchaccount0001' -IpAddress 203.0.113.9"; ErrorId = 'AllowlistResourceNotFound'; Category = 'ObjectNotFound'; Mentions = 'nosuchaccount0001' }
        @{ Name = 'a subscription that does not exist'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '/subscriptions/00000000-0000-4000-8000-0000000000ff/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stcontosodata01' -IpAddress 203.0.113.9"; ErrorId = 'AllowlistSubscriptionNotVisible'; Category = 'PermissionDenied'; Mentions = '00000000-0000-4000-8000-0000000000ff' }
        @{ Name = 'a VNet that does not exist'; Cmdlet = 'Get-AstroPeeringTarget'; Run = "Get-AstroPeeringTarget -VirtualNetworkId '$($vnet -replace 'vnet-hub$', 'vnet-nowhere')'"; ErrorId = 'AzureResourceNotFound'; Category = 'ObjectNotFound'; Mentions = 'vnet-nowhere' }
        @{ Name = 'an identity that does not exist'; Cmdlet = 'Grant-AstroWorkloadIdentity'; Run = "Grant-AstroWorkloadIdentity -DeploymentId $etl -IdentityResourceId '$($uami -replace 'uami-astro$', 'uami-nowhere')'"; ErrorId = 'ManagedIdentityNotFound'; Category = 'ObjectNotFound'; Mentions = 'uami-nowhere' }
        @{ Name = 'a connection that does not exist'; Cmdlet = 'Approve-AstroPrivateEndpointConnection'; Run = "Approve-AstroPrivateEndpointConnection -ResourceId '$storage' -Name pe-nowhere.0000"; ErrorId = 'PrivateEndpointConnectionNotFound'; Category = 'ObjectNotFound'; Mentions = 'pe-nowhere.0000' }

        # Astro: unknown objects, the wrong kind of cluster, bad tokens.
        @{ Name = 'unknown deployment'; Cmdlet = 'Add-AstroAllowlist'; Run = "Add-AstroAllowlist -ResourceId '$storage' -DeploymentId clnotarealdeployment000"; ErrorId = 'AstroDeploymentNotFound'; Category = 'ObjectNotFound'; Mentions = 'clnotarealdeployment000' }
        @{ Name = 'another organisation''s deployment'; Cmdlet = 'Get-AstroExternalIp'; Run = 'Get-AstroExternalIp -DeploymentId cm5oth00000000000000000f1'; ErrorId = 'AstroDeploymentNotFound'; Category = 'ObjectNotFound'; Mentions = 'cm5oth00000000000000000f1' }
        @{ Name = 'unknown cluster'; Cmdlet = 'Sync-AstroAllowlist'; Run = "Sync-AstroAllowlist -ResourceId '$sql' -ClusterId clnotarealcluster0000000"; ErrorId = 'AstroClusterNotFound'; Category = 'ObjectNotFound'; Mentions = 'clnotarealcluster0000000' }
        @{ Name = 'standard cluster asked to peer'; Cmdlet = 'Grant-AstroPeeringRole'; Run = "Grant-AstroPeeringRole -VirtualNetworkId '$vnet' -ClusterId $standard"; ErrorId = 'StandardClusterCannotPeer'; Category = 'InvalidOperation'; Mentions = $standard }
        @{ Name = 'AWS cluster asked to peer with Azure'; Cmdlet = 'New-AstroPeeringRequest'; Run = "New-AstroPeeringRequest -VirtualNetworkId '$vnet' -ClusterId $aws"; ErrorId = 'ClusterNotOnAzure'; Category = 'InvalidOperation'; Mentions = $aws }
        @{ Name = 'standard cluster asked for Private Link'; Cmdlet = 'New-AstroPrivateLinkRequest'; Run = "New-AstroPrivateLinkRequest -ResourceId '$storage' -GroupId blob -ClusterId $standard"; ErrorId = 'StandardClusterCannotUsePrivateLink'; Category = 'InvalidOperation'; Mentions = $standard }
        @{ Name = 'overlapping VNet in a peering request'; Cmdlet = 'New-AstroPeeringRequest'; Run = "New-AstroPeeringRequest -VirtualNetworkId '$($vnet -replace 'vnet-hub$', 'vnet-overlap')' -ClusterId $dedicated"; ErrorId = 'AddressSpaceOverlap'; Category = 'InvalidOperation'; Mentions = '172.20.0.0/16' }
        @{ Name = 'expired Astro token'; Cmdlet = 'Connect-Astro'; Run = "Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-expired-token' -AsPlainText -Force) -OrganizationId org-test -ApiUrl '{emulator}v1'"; ErrorId = 'AstroAuthenticationFailed'; Category = 'AuthenticationError'; Mentions = '401' }
        @{ Name = 'another organisation''s token'; Cmdlet = 'Connect-Astro'; Run = "Connect-Astro -ApiToken (ConvertTo-SecureString 'astro-other-token' -AsPlainText -Force) -OrganizationId org-test -ApiUrl '{emulator}v1'"; ErrorId = 'AstroPermissionDenied'; Category = 'PermissionDenied'; Mentions = 'org-test' }
        @{ Name = 'token expired after sign-in'; Cmdlet = 'Add-AstroAllowlist'; Arrange = 'ExpiredAstroToken'; Run = "Add-AstroAllowlist -ResourceId '$storage' -DeploymentId $etl"; ErrorId = 'AstroAuthenticationFailed'; Category = 'AuthenticationError'; Mentions = '401' }
        @{ Name = 'wrong Azure client secret'; Cmdlet = 'Connect-AstroAzure'; Run = "Connect-AstroAzure -TenantId 0f8fad5b-d9cb-469f-a165-70867728950e -ClientId 6f1c2a9e-3b7d-4e8f-a1c5-9d0b2e4f6a83 -ClientSecret (ConvertTo-SecureString 'not-the-secret' -AsPlainText -Force) -Environment Custom -ResourceManagerUrl '{emulator}' -GraphUrl '{emulator}graph/' -AuthorityHost '{emulator}'"; ErrorId = 'AzureAuthenticationFailed'; Category = 'AuthenticationError'; Mentions = 'AADSTS' }

        # Services that misbehave.
        @{ Name = 'ARM throttling that never ends'; Cmdlet = 'Add-AstroAllowlist'; Arrange = @{ service = 'arm'; status = 429; retryAfterSeconds = 1; count = 10000 }; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 203.0.113.9 -BusyTimeout 3"; ErrorId = 'AzureResourceBusy'; Category = 'ResourceBusy'; Mentions = '429' }
        @{ Name = 'Astro throttling that never ends'; Cmdlet = 'Get-AstroExternalIp'; Arrange = @{ service = 'astro'; status = 429; retryAfterSeconds = 1; count = 10000 }; Run = "Get-AstroExternalIp -DeploymentId $etl"; ErrorId = 'AstroRequestFailed'; Category = 'LimitsExceeded'; Mentions = '429' }
        @{ Name = 'ARM answering 503 forever'; Cmdlet = 'Grant-AstroPeeringRole'; Arrange = @{ service = 'arm'; status = 503; count = 10000 }; Run = "Grant-AstroPeeringRole -VirtualNetworkId '$vnet' -ClusterId $dedicated"; ErrorId = 'AzureRequestFailed'; Category = 'ConnectionError'; Mentions = '503' }
        @{ Name = 'malformed JSON from ARM'; Cmdlet = 'Add-AstroAllowlist'; Arrange = @{ service = 'arm'; method = 'GET'; status = 200; rawBody = '{"id": "/subscriptions/x", "properties": {'; count = 10000 }; Run = "Add-AstroAllowlist -ResourceId '$sql' -IpAddress 203.0.113.9"; ErrorId = 'AzureInvalidResponse'; Category = 'InvalidData'; Mentions = 'JSON|unexpected body' }
        @{ Name = 'malformed JSON from ARM for a whole-list firewall'; Cmdlet = 'Add-AstroAllowlist'; Arrange = @{ service = 'arm'; method = 'GET'; status = 200; rawBody = '{"id": "/subscriptions/x", "properties": {'; count = 10000 }; Run = "Add-AstroAllowlist -ResourceId '$storage' -IpAddress 203.0.113.9"; ErrorId = 'AzureInvalidResponse'; Category = 'InvalidData'; Mentions = 'JSON|unexpected body' }
        @{ Name = 'HTML instead of JSON from Astro'; Cmdlet = 'Get-AstroExternalIp'; Arrange = @{ service = 'astro'; status = 200; rawBody = '<html><body>Bad gateway</body></html>'; contentType = 'text/html'; count = 10000 }; Run = "Get-AstroExternalIp -DeploymentId $etl"; ErrorId = 'AstroInvalidResponse'; Category = 'InvalidData'; Mentions = 'JSON|unexpected body' }
        @{ Name = 'truncated JSON from Graph'; Cmdlet = 'Grant-AstroPeeringRole'; Arrange = @{ service = 'graph'; status = 200; rawBody = '{"value": [ {"id": '; count = 10000 }; Run = "Grant-AstroPeeringRole -VirtualNetworkId '$vnet' -ClusterId $dedicated"; ErrorId = 'GraphInvalidResponse'; Category = 'InvalidData'; Mentions = 'JSON|unexpected body' }
        @{ Name = 'Graph 403 for a reader'; Cmdlet = 'Grant-AstroPeeringRole'; Arrange = 'ReadonlyAzure'; Run = "Grant-AstroPeeringRole -VirtualNetworkId '$vnet' -ClusterId $dedicated"; ErrorId = 'GraphDirectoryPermissionRequired'; Category = 'PermissionDenied'; Mentions = 'Application.ReadWrite.All' }

        # Bad -Workload, -GroupId, -Scope values and limits.
        @{ Name = 'unknown workload'; Cmdlet = 'Grant-AstroWorkloadIdentity'; Run = "Grant-AstroWorkloadIdentity -DeploymentId $etl -IdentityResourceId '$uami' -Workload webserver"; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Mentions = 'webserver'; NoTarget = $true }
        @{ Name = 'deployment ID with a path'; Cmdlet = 'Remove-AstroWorkloadIdentity'; Run = "Remove-AstroWorkloadIdentity -DeploymentId '../$etl' -IdentityResourceId '$uami'"; ErrorId = 'AstroDeploymentNotFound'; Category = 'ObjectNotFound'; Mentions = "\.\./$etl" }
        @{ Name = 'identity with no room left'; Cmdlet = 'Grant-AstroWorkloadIdentity'; Run = "Grant-AstroWorkloadIdentity -DeploymentId $etl -IdentityResourceId '$crowded'"; ErrorId = 'FederatedCredentialLimitExceeded'; Category = 'LimitsExceeded'; Mentions = '20' }
        @{ Name = 'another organisation''s deployment trusted by an identity'; Cmdlet = 'Grant-AstroWorkloadIdentity'; Run = "Grant-AstroWorkloadIdentity -DeploymentId cm5oth00000000000000000f1 -IdentityResourceId '$uami'"; ErrorId = 'AstroDeploymentNotFound'; Category = 'ObjectNotFound'; Mentions = 'cm5oth00000000000000000f1' }
        @{ Name = 'unknown Private Link group ID'; Cmdlet = 'New-AstroPrivateLinkRequest'; Run = "New-AstroPrivateLinkRequest -ResourceId '$storage' -GroupId sqlServer"; ErrorId = 'InvalidGroupId'; Category = 'InvalidArgument'; Mentions = 'blob' }
        @{ Name = 'injection-looking group ID'; Cmdlet = 'New-AstroPrivateLinkRequest'; Run = "New-AstroPrivateLinkRequest -ResourceId '$storage' -GroupId 'blob?x=1'"; ErrorId = 'InvalidGroupId'; Category = 'InvalidArgument'; Mentions = 'blob\?x=1' }
        @{ Name = 'unknown peering scope'; Cmdlet = 'Grant-AstroPeeringRole'; Run = "Grant-AstroPeeringRole -VirtualNetworkId '$vnet' -ClusterId $dedicated -Scope ManagementGroup"; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Mentions = 'ManagementGroup'; NoTarget = $true }
    )
}

BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $limitSeconds = 60
    $state = [initialsessionstate]::CreateDefault2()
    $state.ImportPSModule($env:ASTRO_TEST_MODULE)
    $runspace = [runspacefactory]::CreateRunspace($state)
    $runspace.Open()
    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null

    # Runs one call in the case runspace; returns its error records, or throws when it does not finish in time.
    function Invoke-Bounded([string] $Script) {
        $ps = [powershell]::Create()
        $ps.Runspace = $runspace
        $null = $ps.AddScript("`$ErrorActionPreference = 'Continue'; try { & { $Script } 2>&1 } catch { `$_ }")
        $async = $ps.BeginInvoke()
        try {
            if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($limitSeconds))) {
                $ps.Stop()
                throw "did not finish within $limitSeconds s"
            }
            @($ps.EndInvoke($async) | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
        finally { $ps.Dispose() }
    }

    function Set-Arrangement($Arrange) {
        switch ($Arrange) {
            { $_ -is [hashtable] } { Add-EmulatorFault $_ }
            'ReadonlyAzure' { Connect-TestAzure -DisplayName 'astro-network-readonly' | Out-Null }
            # Signed in while the token was good; the next call meets an expired one (the emulator's expired token).
            'ExpiredAstroToken' {
                $env:ASTRO_API_TOKEN = 'astro-expired-token'; $env:ASTRO_ORGANIZATION_ID = 'org-test'; $env:ASTRO_API_URL = "$(Get-EmulatorUrl)v1"
                Disconnect-Astro
            }
        }
    }
}

AfterAll {
    if ($runspace) { $runspace.Dispose() }
}

Describe 'Hostile input: <Name>' -ForEach $cases {
    BeforeAll {
        Reset-Emulator
        Set-Arrangement $Arrange
        Clear-EmulatorRequest
        $started = [DateTime]::UtcNow
        $failure = $null
        try { $records = Invoke-Bounded ($Run -replace '\{emulator\}', (Get-EmulatorUrl)) } catch { $failure = $_.Exception.Message; $records = @() }
        $elapsed = ([DateTime]::UtcNow - $started).TotalSeconds
        $writes = @(Get-EmulatorRequest -WritesOnly)
        $record = $records | Select-Object -First 1
        $command = Get-Command $Cmdlet -Module Astro.Network -ErrorAction SilentlyContinue
    }

    AfterAll {
        Remove-Item Env:ASTRO_API_TOKEN, Env:ASTRO_ORGANIZATION_ID, Env:ASTRO_API_URL -ErrorAction SilentlyContinue
        Invoke-RestMethod -Method Delete -Uri "$(Get-EmulatorUrl)_emulator/faults" | Out-Null
        # Sign-ins are process-wide: restore them after a case that changed or attempted one.
        if ($Arrange -is [string] -or $Cmdlet -like 'Connect-*') {
            Connect-TestAstro | Out-Null
            Connect-TestAzure | Out-Null
        }
    }

    It 'finishes in bounded time with an error' {
        $failure | Should -BeNullOrEmpty
        $record | Should -Not -BeNullOrEmpty -Because "$Cmdlet must refuse it (took $([int]$elapsed) s)"
    }

    It 'has the stable id <ErrorId> and category <Category>' {
        $command | Should -Not -BeNullOrEmpty -Because "$Cmdlet is exported"
        $record.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,$($command.ImplementingType.FullName)"
        "$($record.CategoryInfo.Category)" | Should -Be $Category
    }

    It 'names what it refused' {
        if (-not $NoTarget) { $record.TargetObject | Should -Not -BeNullOrEmpty }
        "$($record.Exception.Message)" | Should -Match $Mentions
    }

    It 'writes nothing' {
        $writes | ForEach-Object { "$($_.method) $($_.url) -> $($_.status)" } | Should -BeNullOrEmpty
    }
}
