BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $tenant = $scenario.azure.tenants[0]
    $app = $tenant.apps | Where-Object secret | Select-Object -First 1
    $emulator = Get-EmulatorUrl
    $custom = @{ Environment = 'Custom'; ResourceManagerUrl = $emulator; GraphUrl = "${emulator}graph/"; AuthorityHost = $emulator }
    Reset-Emulator
}

Describe 'Connect-AstroAzure' {
    AfterEach {
        Disconnect-AstroAzure
        Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    }

    It 'signs in as a service principal with a client secret and picks a subscription' {
        $secret = ConvertTo-SecureString $app.secret -AsPlainText -Force
        $context = Connect-AstroAzure -TenantId $tenant.id -ClientId $app.clientId -ClientSecret $secret @custom
        $context.TenantId | Should -Be $tenant.id
        $context.SubscriptionId | Should -BeIn $scenario.azure.subscriptions.subscriptionId
        $context.AuthMethod | Should -Be 'ClientSecret'
        (Get-AstroAzureContext | Out-String) | Should -Not -Match ([regex]::Escape($app.secret))
    }

    It 'selects the subscription it is asked for' {
        $secret = ConvertTo-SecureString $app.secret -AsPlainText -Force
        $wanted = $scenario.azure.subscriptions[-1].subscriptionId
        (Connect-AstroAzure -TenantId $tenant.id -ClientId $app.clientId -ClientSecret $secret -SubscriptionId $wanted @custom).SubscriptionId |
            Should -Be $wanted
    }

    It 'signs in with the managed identity of an Automation sandbox' {
        $env:IDENTITY_ENDPOINT = "${emulator}msi/token"
        $env:IDENTITY_HEADER = $scenario.azure.managedIdentity.identityHeader
        $context = Connect-AstroAzure -Identity @custom
        $context.AuthMethod | Should -Be 'ManagedIdentity'
        $context.TenantId | Should -Be $scenario.azure.managedIdentity.tenantId
    }

    It 'fails with an authentication error for a wrong secret and never shows it' {
        $wrong = ConvertTo-SecureString 'definitely-wrong-secret' -AsPlainText -Force
        $err = { Connect-AstroAzure -TenantId $tenant.id -ClientId $app.clientId -ClientSecret $wrong @custom } | Should -Throw -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ToString() | Should -Not -Match 'definitely-wrong-secret'
        Get-AstroAzureContext | Should -BeNullOrEmpty
    }

    It 'requires the three URLs for a custom environment' {
        { Connect-AstroAzure -Identity -Environment Custom } | Should -Throw -ErrorId 'AzureEnvironmentIncomplete*'
    }
}
