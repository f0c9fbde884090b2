@{
    RootModule           = 'Astro.Network.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '3f6c1b0e-8a52-4d1e-9c47-5b2a7e0d9a31'
    Author               = 'Astro.Network contributors'
    CompanyName          = 'Astro.Network'
    Copyright            = '(c) Astro.Network contributors. MIT License.'
    Description          = 'Connects Astronomer Astro (managed Apache Airflow) to Azure: allowlist Astro external IPs on Azure resource firewalls, VNet peering role grants for Astronomer, Private Link approvals and workload identity federation. Runs on PowerShell 7.2+ (.NET 6+) and Windows PowerShell 5.1.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('Astro.Network.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Astro'
        'Disconnect-Astro'
        'Get-AstroContext'
        'Connect-AstroAzure'
        'Disconnect-AstroAzure'
        'Get-AstroAzureContext'
        'Get-AstroCluster'
        'Get-AstroDeployment'
        'Get-AstroExternalIp'
        'Add-AstroAllowlist'
        'Remove-AstroAllowlist'
        'Sync-AstroAllowlist'
        'Get-AstroAllowlist'
        'Test-AstroAllowlist'
        'Get-AstroPeeringTarget'
        'Test-AstroPeeringReadiness'
        'Grant-AstroPeeringRole'
        'New-AstroPeeringRequest'
        'Get-AstroVnetPeering'
        'Wait-AstroVnetPeering'
        'Remove-AstroPeeringRole'
        'Get-AstroPrivateEndpointConnection'
        'Approve-AstroPrivateEndpointConnection'
        'Deny-AstroPrivateEndpointConnection'
        'New-AstroPrivateLinkRequest'
        'New-AstroPrivateEndpoint'
        'Wait-AstroPrivateEndpoint'
        'Remove-AstroPrivateEndpoint'
        'Grant-AstroWorkloadIdentity'
        'Get-AstroWorkloadIdentity'
        'Remove-AstroWorkloadIdentity'
        'Test-AstroNetworkOnboarding'
        'Invoke-AstroNetworkOnboarding'
        'Export-AstroNetworkOnboarding'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Astro', 'Astronomer', 'Airflow', 'Azure', 'Firewall', 'Allowlist', 'VNetPeering', 'PrivateLink', 'WorkloadIdentity', 'PSEdition_Core', 'PSEdition_Desktop')
            # No ProjectUri/LicenseUri: the project has no public repository yet; the licence is the LICENSE file (MIT) at the repository root.
            ReleaseNotes = 'Astro sign-in, Azure sign-in (incl. the Az.Accounts context), Astro clusters, deployments and external IPs; allowlists on 12 Azure resource types; the VNet peering path for dedicated clusters; Private Link approvals; workload identity federated credentials.'
        }
    }
}
