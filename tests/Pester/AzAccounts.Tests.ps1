# Without Connect-AstroAzure the module borrows the Az.Accounts context of the session (in-session, no second
# login); without one it falls back to the default chain. Az.Accounts is the stand-in under Fixtures/.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $tenant = $scenario.azure.tenants[0]
    $app = $tenant.apps | Where-Object secret | Select-Object -First 1
    $emulator = Get-EmulatorUrl
    $standIn = "$PSScriptRoot/Fixtures/Az.Accounts/Az.Accounts.psd1"
    $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
    $subscription = $scenario.azure.subscriptions[-1].subscriptionId
    $env:ASTRO_AZURE_ENVIRONMENT = 'Custom'   # no Connect-AstroAzure here: the variable is the explicit choice of the custom cloud
    $env:ASTRO_AZURE_ARM_URL = $emulator
    $env:ASTRO_AZURE_GRAPH_URL = "${emulator}graph/"
    $env:ASTRO_AZURE_AUTHORITY_HOST = $emulator

    function Connect-StandIn([string] $SubscriptionId = $subscription) {
        Import-Module $standIn -Force
        $credential = [pscredential]::new($app.clientId, (ConvertTo-SecureString $app.secret -AsPlainText -Force))
        Connect-AzAccount -ServicePrincipal -Tenant $tenant.id -Credential $credential -Subscription $SubscriptionId | Out-Null
    }
}

AfterAll {
    Disconnect-AstroAzure
    Remove-Module Az.Accounts -ErrorAction SilentlyContinue
    Remove-Item Env:ASTRO_AZURE_ENVIRONMENT, Env:ASTRO_AZURE_ARM_URL, Env:ASTRO_AZURE_GRAPH_URL, Env:ASTRO_AZURE_AUTHORITY_HOST -ErrorAction SilentlyContinue
}

Describe 'Az.Accounts context reuse' {
    BeforeEach {
        Reset-Emulator
        Disconnect-AstroAzure
        Connect-StandIn
    }

    AfterEach {
        Disconnect-AstroAzure
        Remove-Module Az.Accounts -ErrorAction SilentlyContinue
    }

    It 'calls ARM with the context''s token, tenant and subscription, and requests no token itself' {
        Get-AstroAllowlist -ResourceId $storage | Should -Not -BeNullOrEmpty
        $context = Get-AstroAzureContext
        $context.AuthMethod | Should -Be 'AzContext'
        $context.TenantId | Should -Be $tenant.id
        $context.SubscriptionId | Should -Be $subscription
        $log = @(Get-EmulatorRequest)
        $arm = @($log | Where-Object service -EQ 'arm')
        $arm.Count | Should -BeGreaterThan 0
        $arm.principalId | Sort-Object -Unique | Should -Be $app.objectId
        # Every token the emulator issued went to the stand-in: the module made no Entra or managed-identity request.
        $issued = @(Get-AzStandInLog)
        @($log | Where-Object service -EQ 'entra').Count | Should -Be $issued.Count
        @($log | Where-Object service -EQ 'msi').Count | Should -Be 0
        $issued.TenantId | Sort-Object -Unique | Should -Be $tenant.id
        $issued.AsSecureString | Should -Not -Contain $false
    }

    It 'reads a text token as older Az.Accounts versions return it' {
        Set-AzStandIn -TokenType String
        (Get-AstroAllowlist -ResourceId $storage) | Should -Not -BeNullOrEmpty
        (Get-AstroAzureContext).AuthMethod | Should -Be 'AzContext'
        @(Get-EmulatorRequest | Where-Object { $_.service -eq 'arm' -and $_.status -eq 401 }).Count | Should -Be 0
    }

    It 'keeps the token between commands until it nears expiry' {
        Get-AstroAllowlist -ResourceId $storage | Out-Null
        Test-AstroAllowlist -ResourceId $storage -IpAddress '198.51.100.9' | Out-Null
        Get-AstroAllowlist -ResourceId $storage | Out-Null
        @(Get-AzStandInLog | Where-Object ResourceUrl -Match 'management').Count | Should -Be 1
    }

    It 'follows the context when the user selects another subscription' {
        Get-AstroAllowlist -ResourceId $storage | Out-Null
        $other = $scenario.azure.subscriptions[0].subscriptionId
        Connect-StandIn -SubscriptionId $other
        Get-AstroAllowlist -ResourceId $storage | Out-Null
        (Get-AstroAzureContext).SubscriptionId | Should -Be $other
    }

    It 'never shows the token in output, verbose or errors' {
        Set-AzStandIn -TokenType String
        $all = & {
            Get-AstroAllowlist -ResourceId $storage -Verbose
            Get-AstroAllowlist -ResourceId ($storage + 'missing') -ErrorAction Continue
            Get-AstroAzureContext
        } *>&1 | Out-String
        $tokens = @(Get-AzStandInLog).Token
        $tokens.Count | Should -BeGreaterThan 0
        foreach ($t in $tokens) { $all | Should -Not -Match ([regex]::Escape($t)) }
        $all | Should -Not -Match ([regex]::Escape($app.secret))
        $all | Should -Match 'Az\.Accounts context'
    }

    It 'reports a failing Get-AzAccessToken as an authentication error' {
        Set-AzStandIn
        Add-EmulatorFault @{ service = 'entra'; status = 400; count = 5 }
        $err = { Get-AstroAllowlist -ResourceId $storage -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AzureAuthenticationFailed*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'AzContext.*Get-AzAccessToken'
        @(Get-EmulatorRequest | Where-Object service -EQ 'arm').Count | Should -Be 0
    }

    It 'prefers an explicit Connect-AstroAzure over the Az.Accounts context' {
        Connect-TestAzure | Out-Null
        Set-AzStandIn
        Get-AstroAllowlist -ResourceId $storage | Out-Null
        (Get-AstroAzureContext).AuthMethod | Should -Be 'ClientSecret'
        @(Get-AzStandInLog).Count | Should -Be 0
    }
}

Describe 'Fallback to the default credential chain' {
    BeforeEach {
        Reset-Emulator
        Disconnect-AstroAzure
        $env:IDENTITY_ENDPOINT = "${emulator}msi/token"
        $env:IDENTITY_HEADER = $scenario.azure.managedIdentity.identityHeader
    }

    AfterEach {
        Disconnect-AstroAzure
        Remove-Module Az.Accounts -ErrorAction SilentlyContinue
        Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    }

    It 'signs in with the default chain when Az.Accounts is not loaded' {
        Get-Module Az.Accounts | Should -BeNullOrEmpty
        Get-AstroAllowlist -ResourceId $storage | Should -Not -BeNullOrEmpty
        (Get-AstroAzureContext).AuthMethod | Should -Be 'Default (ManagedIdentity)'
        @(Get-EmulatorRequest | Where-Object service -EQ 'msi').Count | Should -BeGreaterThan 0
        (@(Get-EmulatorRequest | Where-Object service -EQ 'arm').principalId | Sort-Object -Unique) |
            Should -Be $scenario.azure.managedIdentity.systemAssigned.principalId
    }

    It 'signs in with the default chain when Az.Accounts is loaded but signed out' {
        Connect-StandIn
        Disconnect-AzAccount
        Get-AstroAllowlist -ResourceId $storage | Should -Not -BeNullOrEmpty
        (Get-AstroAzureContext).AuthMethod | Should -Be 'Default (ManagedIdentity)'
        @(Get-AzStandInLog).Count | Should -Be 0
    }
}
