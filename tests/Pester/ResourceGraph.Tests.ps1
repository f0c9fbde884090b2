# -SubscriptionId through Azure Resource Graph: the same answers as listing each type and reading each resource,
# from far fewer requests.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
    $scenario = Get-EmulatorScenario
    $subs = @($scenario.azure.subscriptions.subscriptionId)
    $etl = $scenario.astro.organizations[0].deployments | Where-Object name -EQ 'etl'
    function Get-Shape($results) { @($results | ForEach-Object { $_ | ConvertTo-Json -Depth 4 -Compress } | Sort-Object) }
    function Get-ArmRequest { @(Get-EmulatorRequest | Where-Object service -EQ 'arm') }
}

Describe 'Discovery through Resource Graph' {
    It 'Get-AstroAllowlist -SubscriptionId returns the same entries by Resource Graph as by listing' {
        Clear-EmulatorRequest
        $graph = @(Get-AstroAllowlist -SubscriptionId $subs -IpAddress 203.0.113.10 -ErrorAction SilentlyContinue)
        $graphRequests = Get-ArmRequest
        Clear-EmulatorRequest
        $listed = @(Get-AstroAllowlist -SubscriptionId $subs -IpAddress 203.0.113.10 -DiscoveryMode ResourceList -ErrorAction SilentlyContinue)
        $listRequests = Get-ArmRequest

        $graph.Count | Should -BeGreaterThan 12
        Get-Shape $graph | Should -Be (Get-Shape $listed)
        @($graphRequests | Where-Object url -Match 'Microsoft\.ResourceGraph/resources').Count | Should -Be 1
        @($graphRequests | Where-Object { $_.url -match '/subscriptions/[^/]+/providers/[^/]+/[^/?]+\?' }).Count | Should -Be 0   # no per-type list
        $graphRequests.Count | Should -BeLessThan $listRequests.Count
        @($graphRequests | Where-Object isWrite).Count | Should -Be 0
    }

    It 'Test-AstroAllowlist -SubscriptionId answers alike by both paths' {
        Add-AstroAllowlist -ResourceId (Get-SeededResource 'Microsoft.Sql/servers') -DeploymentId $etl.id | Out-Null
        $graph = @(Test-AstroAllowlist -SubscriptionId $subs -DeploymentId $etl.id -ErrorAction SilentlyContinue -ErrorVariable graphErrors)
        $listed = @(Test-AstroAllowlist -SubscriptionId $subs -DeploymentId $etl.id -DiscoveryMode ResourceList -ErrorAction SilentlyContinue -ErrorVariable listErrors)

        Get-Shape $graph | Should -Be (Get-Shape $listed)
        @($graphErrors.FullyQualifiedErrorId) | Should -Be @($listErrors.FullyQualifiedErrorId)
        ($graph | Where-Object ResourceId -EQ (Get-SeededResource 'Microsoft.Sql/servers')).Allowed | Should -BeTrue
    }

    It 'rejects an unknown discovery mode before any request' {
        Clear-EmulatorRequest
        { Get-AstroAllowlist -SubscriptionId $subs -DiscoveryMode Everything } | Should -Throw -ErrorId 'ParameterArgumentValidationError,Astro.Network.Commands.Allowlist.GetAstroAllowlistCommand'
        @(Get-ArmRequest).Count | Should -Be 0
    }
}
