# Tenant scale (issue 15): a generated tenant (emulator scenario azure.generate) audited through Resource Graph and
# through listing and reading each resource; the summary, the fix pipe into Add-AstroAllowlist, management group scope,
# and Resource Graph's paging, quota headers and throttling as the module meets them.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $script:ciApp = (Get-EmulatorScenario).azure.tenants[0].apps[0].objectId
    $script:etl = (Get-EmulatorScenario).astro.organizations[0].deployments | Where-Object name -EQ 'etl'
    $script:generated = 1..3 | ForEach-Object { '5ca1e000-0000-4000-8000-{0:x12}' -f $_ }

    # The test scenario plus a generated tenant; $Settings and $Generate override the defaults.
    function Set-GeneratedScenario([hashtable] $Generate = @{}, [hashtable] $Settings = @{}) {
        $scenario = Get-EmulatorScenario
        $parameters = @{
            subscriptions = 3; resources = 180; managementGroups = 2; principalIds = @($ciApp)
            roleDefinitionGuid = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'   # Owner: the fix path writes
        }
        foreach ($key in $Generate.Keys) { $parameters[$key] = $Generate[$key] }
        $scenario.azure | Add-Member -NotePropertyName generate -NotePropertyValue $parameters
        $scenario.azure.settings.pageSize = 100
        foreach ($key in $Settings.Keys) { $scenario.azure.settings | Add-Member -NotePropertyName $key -NotePropertyValue $Settings[$key] -Force }
        Invoke-RestMethod -Method Post -Uri "$(Get-EmulatorUrl)_emulator/scenario" -Body ($scenario | ConvertTo-Json -Depth 50 -Compress) -ContentType 'application/json' | Out-Null
        Clear-EmulatorRequest
    }
    function Get-Shape($results) { @($results | ForEach-Object { $_ | ConvertTo-Json -Depth 4 -Compress } | Sort-Object) }
    function Get-GraphRequest { @(Get-EmulatorRequest | Where-Object { $_.service -eq 'arm' -and $_.url -match 'Microsoft\.ResourceGraph/resources' }) }

    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
}

AfterAll {
    Reset-Emulator
}

Describe 'A generated tenant audited through Resource Graph and by listing' {
    BeforeAll { Set-GeneratedScenario }

    It 'answers the same per resource by both paths, with far fewer requests through Resource Graph' {
        $graph = @(Test-AstroAllowlist -SubscriptionId $generated -DeploymentId $etl.id -ErrorVariable graphErrors)
        $graphRequests = @(Get-EmulatorRequest | Where-Object service -EQ 'arm')
        Clear-EmulatorRequest
        $listed = @(Test-AstroAllowlist -SubscriptionId $generated -DeploymentId $etl.id -DiscoveryMode ResourceList -ErrorVariable listErrors)
        $listRequests = @(Get-EmulatorRequest | Where-Object service -EQ 'arm')

        $graph.Count | Should -Be 180
        Get-Shape $graph | Should -Be (Get-Shape $listed)
        $graphErrors.Count + $listErrors.Count | Should -Be 0
        @($graph.EffectiveAccess | Sort-Object -Unique) | Should -Be @('Restricted', 'Open', 'RulesIgnored', 'WriteRefused')
        $graphRequests.Count | Should -BeLessThan ($listRequests.Count / 2)
    }

    It 'sums the tenant up in one object whose counts match the per-resource answers' {
        $results = @(Test-AstroAllowlist -SubscriptionId $generated -DeploymentId $etl.id)
        $summary = @(Test-AstroAllowlist -SubscriptionId $generated -DeploymentId $etl.id -Summary)

        $summary.Count | Should -Be 1
        $summary[0].GetType().FullName | Should -Be 'Astro.Network.AllowlistTestSummary'
        $summary[0].Total | Should -Be 180
        $summary[0].Allowed | Should -Be @($results | Where-Object { $_.EffectiveAccess -eq 'Restricted' -and $_.Allowed }).Count
        $summary[0].Missing | Should -Be @($results | Where-Object { $_.EffectiveAccess -eq 'Restricted' -and -not $_.Allowed }).Count
        foreach ($state in 'Open', 'RulesIgnored', 'WriteRefused') {
            $summary[0].$state | Should -Be @($results | Where-Object EffectiveAccess -EQ $state).Count -Because $state
        }
        $summary[0].Missing | Should -BeGreaterThan 0
        $summary[0].Allowed + $summary[0].Missing + $summary[0].Open + $summary[0].RulesIgnored + $summary[0].WriteRefused | Should -Be 180
        $summary[0].ByType.Count | Should -Be 12
        ($summary[0].ByType | Measure-Object Total -Sum).Sum | Should -Be 180
        @($summary[0].MissingResourceIds | Sort-Object) | Should -Be @($results | Where-Object { $_.EffectiveAccess -eq 'Restricted' -and -not $_.Allowed } | ForEach-Object ResourceId | Sort-Object)
        $summary[0].Source | Should -Be "Deployment $($etl.id)"
        ($summary[0] | Format-List | Out-String) | Should -Match 'ByType'
    }

    It 'fixes what is missing through the pipe into Add-AstroAllowlist, with its guards, and writes nothing under -WhatIf' {
        $failing = @(Test-AstroAllowlist -SubscriptionId $generated -DeploymentId $etl.id -Port 443 | Where-Object { -not $_.Allowed })
        Clear-EmulatorRequest
        $failing | Add-AstroAllowlist -DeploymentId $etl.id -Port 443 -WhatIf -ErrorAction SilentlyContinue | Out-Null
        @(Get-EmulatorRequest | Where-Object isWrite).Count | Should -Be 0

        $before = Test-AstroAllowlist -SubscriptionId $generated -DeploymentId $etl.id -Port 443 -Summary
        $failing | Add-AstroAllowlist -DeploymentId $etl.id -Port 443 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused | Out-Null
        $after = Test-AstroAllowlist -SubscriptionId $generated -DeploymentId $etl.id -Port 443 -Summary

        $after.Missing | Should -Be 0
        $after.Allowed | Should -Be ($before.Allowed + $before.Missing)
        $after.RulesIgnored | Should -Be $before.RulesIgnored   # refused, not written: entries there would have no effect
        $after.WriteRefused | Should -Be $before.WriteRefused
        $refused.Count | Should -Be ($before.RulesIgnored + $before.WriteRefused)
        @($refused | ForEach-Object { $_.TargetObject } | Sort-Object -Unique).Count | Should -Be $refused.Count
    }
}

Describe 'Management group and tenant scope' {
    BeforeAll { Set-GeneratedScenario }

    It 'audits the subscriptions under a management group, its descendants included' {
        # Subscriptions 1 and 3 are under mg-scale-01, 2 under mg-scale-02; both under mg-scale.
        $branch = @(Test-AstroAllowlist -ManagementGroupId mg-scale-01 -IpAddress 192.0.2.10)
        $root = @(Test-AstroAllowlist -ManagementGroupId mg-scale -IpAddress 192.0.2.10)

        $branch.Count | Should -Be 120
        @($branch.ResourceId | ForEach-Object { ($_ -split '/')[2] } | Sort-Object -Unique) | Should -Be @($generated[0], $generated[2])
        $root.Count | Should -Be 180
        @(Get-GraphRequest).Count | Should -Be 2
    }

    It 'audits every subscription the caller can see, alike by both paths' {
        $graph = @(Test-AstroAllowlist -AllSubscriptions -IpAddress 192.0.2.10 -ErrorAction SilentlyContinue -ErrorVariable graphErrors)
        $listed = @(Test-AstroAllowlist -AllSubscriptions -IpAddress 192.0.2.10 -DiscoveryMode ResourceList -ErrorAction SilentlyContinue -ErrorVariable listErrors)

        @($graph.ResourceId | ForEach-Object { ($_ -split '/')[2] } | Sort-Object -Unique).Count | Should -Be 4   # 3 generated + the scenario's one with resources
        Get-Shape $graph | Should -Be (Get-Shape $listed)
        @($graphErrors.FullyQualifiedErrorId) | Should -Be @($listErrors.FullyQualifiedErrorId)
    }

    It 'refuses -ManagementGroupId with the listing path before any request' {
        Clear-EmulatorRequest
        { Test-AstroAllowlist -ManagementGroupId mg-scale -IpAddress 192.0.2.10 -DiscoveryMode ResourceList } |
            Should -Throw -ErrorId 'ManagementGroupNeedsResourceGraph,Astro.Network.Commands.Allowlist.TestAstroAllowlistCommand'
        @(Get-EmulatorRequest | Where-Object service -EQ 'arm').Count | Should -Be 0
    }

    It 'stops on a management group the caller cannot see' {
        { Test-AstroAllowlist -ManagementGroupId mg-unknown -IpAddress 192.0.2.10 } | Should -Throw
    }
}

Describe 'Resource Graph paging, quota and throttling' {
    It 'follows $skipToken over 1,000-row pages and waits out a spent quota instead of being throttled' {
        # One Resource Graph request per window: the first page spends it, the module waits x-ms-user-quota-resets-after.
        Set-GeneratedScenario -Generate @{ subscriptions = 1; resources = 1100; managementGroups = 0; types = @('Microsoft.Storage/storageAccounts') } `
            -Settings @{ resourceGraphQuota = 1; resourceGraphQuotaWindowMs = 2000 }
        $entries = @(Get-AstroAllowlist -SubscriptionId $generated[0] -IpAddress 192.0.2.10 -WarningAction SilentlyContinue -Verbose 4>&1)

        $verbose = @($entries | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($entries | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] } | ForEach-Object ResourceId | Sort-Object -Unique).Count | Should -Be (1100 * 3 / 4)   # the open quarter has no entry
        @(Get-GraphRequest).Count | Should -Be 2
        @(Get-GraphRequest | Where-Object status -EQ 429).Count | Should -Be 0
        @(Get-EmulatorRequest | Where-Object { $_.service -eq 'arm' -and $_.url -match '/storageAccounts/' }).Count | Should -Be 0   # rows serve as the reads
        ($verbose.Message -join "`n") | Should -Match 'quota'
    }

    It 'retries a throttled (429) Resource Graph answer after its Retry-After' {
        Set-GeneratedScenario -Generate @{ subscriptions = 1; resources = 24; managementGroups = 0 }
        Add-EmulatorFault @{ service = 'arm'; pathContains = 'Microsoft.ResourceGraph'; status = 429; retryAfterSeconds = 1; count = 1 }
        $results = @(Test-AstroAllowlist -SubscriptionId $generated[0] -IpAddress 192.0.2.10)

        $results.Count | Should -Be 24
        @(Get-GraphRequest | ForEach-Object status) | Should -Be @(429, 200)
    }
}
