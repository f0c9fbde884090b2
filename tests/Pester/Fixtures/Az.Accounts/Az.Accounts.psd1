# Test stand-in for Az.Accounts: same module name and the commands Astro.Network reads, backed by the emulator.
@{
    RootModule        = 'Az.Accounts.psm1'
    ModuleVersion     = '5.0.0'
    GUID              = '8f0f2d0e-6a53-4c1e-9d39-3c1f4b7d2a10'
    Description       = 'Stand-in for Az.Accounts in the Astro.Network tests (emulator sign-in only).'
    FunctionsToExport = @('Connect-AzAccount', 'Disconnect-AzAccount', 'Get-AzContext', 'Get-AzAccessToken', 'Set-AzStandIn', 'Get-AzStandInLog')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
