# Onboarding as code: Test-/Invoke-/Export-AstroNetworkOnboarding against the emulator, from a fresh file to nothing to do.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $org = $scenario.astro.organizations | Where-Object id -EQ 'org-test'
    $etl = $org.deployments | Where-Object name -EQ 'etl'
    $sub = '7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57'
    $data = "/subscriptions/$sub/resourceGroups/rg-data/providers"
    $ids = @{
        Vault   = "$data/Microsoft.KeyVault/vaults/kv-contoso-data"
        West    = "$data/Microsoft.Storage/storageAccounts/stcontosowest01"
        SameRegion = "$data/Microsoft.Storage/storageAccounts/stcontosodata01"
        Nsg     = "$data/Microsoft.Network/networkSecurityGroups/nsg-contoso-data"
        Sql     = "$data/Microsoft.Sql/servers/sql-contoso-data"
        SqlPrivate = "$data/Microsoft.Sql/servers/sql-contoso-private"
        Acr     = "$data/Microsoft.ContainerRegistry/registries/acrcontosodata"
        Open    = "$data/Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-open"
    }
    $uami = "/subscriptions/$sub/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-astro"
    $vnet = "/subscriptions/$sub/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub"

    function New-OnboardingFile([string] $Name, [string] $Text) {
        $path = Join-Path $TestDrive $Name
        Set-Content -Path $path -Value $Text
        $path
    }

    # Every area: IDs, a resource group and a tag selector, guards that refuse, peering, Private Link, workload identity.
    function New-FreshFile([string] $Name = 'etl.psd1') {
        New-OnboardingFile $Name @"
@{
    Version    = 1
    Deployment = 'etl'
    Allowlist  = @(
        @{ ResourceId = '$($ids.Vault)' }
        @{ ResourceId = '$($ids.West)' }
        @{ ResourceId = '$($ids.SameRegion)' }
        @{ ResourceId = '$($ids.Nsg)'; Port = 443 }
        @{ ResourceId = '$($ids.Open)' }
        @{ ResourceGroup = '/subscriptions/$sub/resourceGroups/rg-data'; Type = 'Microsoft.Sql/servers' }
        @{ Tag = 'team=data'; SubscriptionId = '$sub' }
    )
    Peering          = @{ VirtualNetworkId = '$vnet'; RoleMode = 'Custom' }
    PrivateLink      = @(
        @{ ResourceId = '$($ids.Vault)'; GroupId = 'vault' }
        @{ ResourceId = '$($ids.West)'; GroupId = 'blob' }
    )
    WorkloadIdentity = @{ IdentityId = '$uami' }
}
"@
    }

    function Get-EndState {
        $entries = Get-AstroAllowlist -ResourceId $ids.Vault, $ids.West, $ids.Nsg, $ids.Sql, $ids.Acr -Port 443 |
            Where-Object Owner | ForEach-Object { "$($_.ResourceId) $($_.Value) $($_.Owner)" }
        $credentials = Get-AstroWorkloadIdentity -IdentityResourceId $uami -DeploymentId $etl.id | ForEach-Object { "$($_.Name) $($_.Subject)" }
        # Connection names end in a random suffix: the status is the state.
        $connections = Get-AstroPrivateEndpointConnection -ResourceId $ids.Vault | ForEach-Object { "connection $($_.Status)" }
        (@($entries) + @($credentials) + @($connections) | Sort-Object) -join "`n"
    }

    function Reset-Onboarding {
        Reset-Emulator
        Connect-TestAstro | Out-Null
        Connect-TestAzure | Out-Null
        New-EmulatorPrivateEndpoint -ResourceId $ids.Vault -GroupId vault -ClusterId $etl.clusterId | Out-Null
        Clear-EmulatorRequest
    }
}

Describe 'Test-AstroNetworkOnboarding: the plan of a fresh file' {
    BeforeAll {
        Reset-Onboarding
        $file = New-FreshFile
        $plan = @(Test-AstroNetworkOnboarding -Path $file -ErrorVariable planErrors -WarningAction SilentlyContinue)
    }

    It 'lists every change, per resource, and writes nothing' {
        @(Get-EmulatorRequest -WritesOnly) | ForEach-Object { "$($_.method) $($_.url)" } | Should -BeNullOrEmpty
        $planErrors | Should -BeNullOrEmpty
        $todo = $plan | Where-Object Status -EQ 'ToDo'
        ($todo | Where-Object Area -EQ 'Allowlist').Target | Sort-Object | Should -Be (@($ids.Vault, $ids.West, $ids.Nsg, $ids.Sql, $ids.Acr) | Sort-Object)
        ($todo | Where-Object Area -EQ 'Allowlist' | Select-Object -First 1).Action | Should -Be 'Sync'
        ($todo | Where-Object Target -EQ $ids.Vault | Where-Object Area -EQ 'Allowlist').Detail | Should -Match '192\.0\.2\.10, 192\.0\.2\.11'
        @($todo | Where-Object Area -EQ 'WorkloadIdentity').Count | Should -Be 4
        ($todo | Where-Object Area -EQ 'Peering').Action | Should -Be 'GrantRole'
        ($todo | Where-Object Area -EQ 'PrivateLink').Action | Should -Be 'Approve'
    }

    It 'shows the guards'' refusals with their error ids, not as errors' {
        $refused = $plan | Where-Object Status -EQ 'Refused'
        ($refused | Where-Object Target -EQ $ids.SameRegion).ErrorId | Should -Be 'AllowlistSameRegion'
        ($refused | Where-Object Target -EQ $ids.Open).ErrorId | Should -Be 'AllowlistWouldRestrictResource'
        ($refused | Where-Object Target -EQ $ids.SqlPrivate).ErrorId | Should -Be 'AllowlistPublicAccessDisabled'
    }

    It 'says what waits on Astronomer support, with the ticket text' {
        $waiting = $plan | Where-Object Status -EQ 'Waiting'
        ($waiting | Where-Object Area -EQ 'Peering').TicketText | Should -Match ([regex]::Escape($etl.clusterId))
        # No connection from Astronomer on the second Private Link target yet: the ticket to ask for one.
        $link = $waiting | Where-Object Area -EQ 'PrivateLink'
        $link.Target | Should -Be $ids.West
        $link.TicketText | Should -Match 'stcontosowest01'
        $link.TicketText | Should -Match 'blob'
    }
}

Describe 'Invoke-AstroNetworkOnboarding' {
    BeforeAll {
        Reset-Onboarding
        $file = New-FreshFile
        $receipt = [IO.Path]::ChangeExtension($file, '.receipt.json')
    }

    It 'plans under -WhatIf and writes nothing, not even the receipt' {
        $items = @(Invoke-AstroNetworkOnboarding -Path $file -WhatIf -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        ($items | Where-Object Status -EQ 'Skipped') | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest -WritesOnly) | Should -BeNullOrEmpty
        Test-Path $receipt | Should -BeFalse
    }

    It 'applies the file, writes errors for the refusals, and then the plan has nothing to do' {
        $done = @(Invoke-AstroNetworkOnboarding -Path $file -ErrorVariable applyErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        @($done | Where-Object Status -EQ 'Failed') | Should -BeNullOrEmpty
        @($done | Where-Object Status -EQ 'Done').Count | Should -BeGreaterOrEqual 11
        $applyErrors.FullyQualifiedErrorId | ForEach-Object { $_ -replace ',.*' } | Sort-Object |
            Should -Be @('AllowlistPublicAccessDisabled', 'AllowlistSameRegion', 'AllowlistWouldRestrictResource')
        Clear-EmulatorRequest
        $again = @(Test-AstroNetworkOnboarding -Path $file -WarningAction SilentlyContinue)
        @($again | Where-Object Status -EQ 'ToDo') | ForEach-Object { "$($_.Name) $($_.Detail)" } | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -WritesOnly) | Should -BeNullOrEmpty
    }

    It 'writes one receipt: changed, already so, refused and why, waiting on Astronomer, temporary grants' {
        $json = Get-Content $receipt -Raw | ConvertFrom-Json
        $json.deploymentId | Should -Be $etl.id
        $json.complete | Should -BeTrue
        ($json.changed | Where-Object area -EQ 'Allowlist').target | Should -Contain $ids.Vault
        ($json.refused | Where-Object target -EQ $ids.Open).errorId | Should -Be 'AllowlistWouldRestrictResource'
        ($json.waitingOnAstronomer | Where-Object area -EQ 'Peering').ticketText | Should -Match ([regex]::Escape($vnet))
        $json.temporaryGrants.scope | Should -Be 'Subscription'
        $json.temporaryGrants.removeWhen | Should -Match 'Connected'
    }

    It 're-runs without writing and rewrites the one receipt' {
        Clear-EmulatorRequest
        $items = @(Invoke-AstroNetworkOnboarding -Path $file -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        @($items | Where-Object Status -EQ 'Done') | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -WritesOnly) | Should -BeNullOrEmpty
        @(Get-ChildItem $TestDrive -Filter 'etl.receipt*').Count | Should -Be 1
        (Get-Content $receipt -Raw | ConvertFrom-Json).changed | Should -BeNullOrEmpty
    }

    It 'once Astronomer has peered, a run removes the temporary role it granted, and the plan is done' {
        Complete-EmulatorPeering -ClusterId $etl.clusterId -VirtualNetworkId $vnet | Out-Null
        Wait-AstroVnetPeering -VirtualNetworkId $vnet -ClusterId $etl.clusterId -Timeout 60 -PollInterval 1 | Out-Null
        $plan = @(Test-AstroNetworkOnboarding -Path $file -WarningAction SilentlyContinue | Where-Object Area -EQ 'Peering')
        ($plan | Where-Object Action -EQ 'Peer').Status | Should -Be 'AlreadyDone'
        ($plan | Where-Object Action -EQ 'RemoveRole').Status | Should -Be 'ToDo'
        $removed = @(Invoke-AstroNetworkOnboarding -Path $file -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Where-Object Area -EQ 'Peering')
        ($removed | Where-Object Action -EQ 'RemoveRole').Status | Should -Be 'Done'
        (Get-Content $receipt -Raw | ConvertFrom-Json).temporaryGrants | Should -BeNullOrEmpty
        @(Test-AstroNetworkOnboarding -Path $file -WarningAction SilentlyContinue | Where-Object Status -EQ 'ToDo') | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-AstroNetworkOnboarding after an injected fault' {
    It 'goes on past the failed resource, and a re-run finishes with the same end state and one receipt' {
        Reset-Onboarding
        $reference = New-FreshFile 'reference.psd1'
        Invoke-AstroNetworkOnboarding -Path $reference -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
        $expected = Get-EndState

        Reset-Onboarding
        $dir = Join-Path $TestDrive 'faulted'
        New-Item -ItemType Directory $dir | Out-Null
        $file = New-FreshFile 'faulted/etl.psd1'
        # The SQL server's first Astro rule write is refused outright (no retry helps): that resource fails, the rest go on.
        Add-EmulatorFault @{ method = 'PUT'; pathContains = 'sql-contoso-data/firewallRules/astro-'; status = 403; count = 1
            body = @{ error = @{ code = 'AuthorizationFailed'; message = 'The client does not have authorization to perform action.' } } }
        $first = @(Invoke-AstroNetworkOnboarding -Path $file -ErrorVariable firstErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        ($first | Where-Object Status -EQ 'Failed').Target | Should -Be $ids.Sql
        ($first | Where-Object { $_.Area -eq 'WorkloadIdentity' -and $_.Status -eq 'Done' }) | Should -Not -BeNullOrEmpty
        $firstErrors.CategoryInfo.Category | Should -Contain 'PermissionDenied'
        (Get-Content (Join-Path $dir 'etl.receipt.json') -Raw | ConvertFrom-Json).failed.target | Should -Be $ids.Sql

        $second = @(Invoke-AstroNetworkOnboarding -Path $file -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        ($second | Where-Object Status -EQ 'Done').Target | Should -Be $ids.Sql
        Get-EndState | Should -Be $expected
        @(Get-ChildItem $dir -Filter '*.json').Name | Should -Be 'etl.receipt.json'
        $json = Get-Content (Join-Path $dir 'etl.receipt.json') -Raw | ConvertFrom-Json
        $json.complete | Should -BeTrue
        $json.failed | Should -BeNullOrEmpty
    }
}

Describe 'Export-AstroNetworkOnboarding' {
    It 'writes the file from what exists, and its plan has nothing to do' {
        Reset-Onboarding
        Add-AstroAllowlist -DeploymentId $etl.id -ResourceId $ids.Vault, $ids.West, $ids.Sql | Out-Null
        Add-AstroAllowlist -DeploymentId $etl.id -ResourceId $ids.Nsg -Port 443 | Out-Null
        Grant-AstroWorkloadIdentity -DeploymentId $etl.id -IdentityResourceId $uami | Out-Null
        $path = Join-Path $TestDrive 'exported.psd1'
        $export = Export-AstroNetworkOnboarding -DeploymentId $etl.id -SubscriptionId $sub -IdentityResourceId $uami -Path $path
        $export.Written | Should -BeTrue
        $export.AllowlistResourceIds | Sort-Object | Should -Be (@($ids.Vault, $ids.West, $ids.Sql, $ids.Nsg) | Sort-Object)
        (Import-PowerShellDataFile $path).Allowlist.Where({ $_.ResourceId -eq $ids.Nsg }).Port | Should -Be '443'
        Clear-EmulatorRequest
        $plan = @(Test-AstroNetworkOnboarding -Path $path)
        $plan | Should -Not -BeNullOrEmpty
        @($plan | Where-Object Status -NE 'AlreadyDone') | ForEach-Object { "$($_.Name) $($_.Status) $($_.Detail)" } | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -WritesOnly) | Should -BeNullOrEmpty
    }

    It 'does not overwrite a file without -Force' {
        $path = New-OnboardingFile 'existing.psd1' '@{ Version = 1 }'
        { Export-AstroNetworkOnboarding -DeploymentId $etl.id -ResourceId $ids.Vault -Path $path } | Should -Throw -ErrorId 'OnboardingFileExists,*'
    }
}

Describe 'A malformed file gives the line and key, and makes no request' {
    BeforeAll {
        Reset-Onboarding
        $cases = @(
            @{ Case = 'unknown key'; Line = 4; Key = 'Allowlist[0].Prot'; Text = "@{`n    Version = 1`n    Deployment = 'etl'`n    Allowlist = @( @{ ResourceId = '$($ids.Vault)'; Prot = 'Tcp' } )`n}" }
            @{ Case = 'wrong type'; Line = 2; Key = 'Version'; Text = "@{`n    Version = 'one'`n    Deployment = 'etl'`n}" }
            @{ Case = 'bad ID'; Line = 5; Key = 'Allowlist[1].ResourceId'; Text = "@{`n    Version = 1`n    Deployment = 'etl'`n    Allowlist = @( @{ ResourceId = '$($ids.Vault)' },`n        @{ ResourceId = '/subscriptions/$sub/resourceGroups/rg' } )`n}" }
            @{ Case = 'bad IP'; Line = 4; Key = 'IpAddress[1]'; Text = "@{`n    Version = 1`n    Cluster = 'cm4azded000000000000000a1'`n    IpAddress = @('192.0.2.10', '192.0.2.300')`n}" }
            @{ Case = 'a command'; Line = 3; Key = 'Deployment'; Text = "@{`n    Version = 1`n    Deployment = (Get-Date)`n}" }
            @{ Case = 'a variable'; Line = 3; Key = 'Deployment'; Text = "@{`n    Version = 1`n    Deployment = `$env:USER`n}" }
        )
    }

    It '<Case>: OnboardingFileInvalid, InvalidData, line <Line> and <Key>' -ForEach @(
        @{ Case = 'unknown key' }, @{ Case = 'wrong type' }, @{ Case = 'bad ID' }, @{ Case = 'bad IP' }, @{ Case = 'a command' }, @{ Case = 'a variable' }
    ) {
        $c = $cases | Where-Object Case -EQ $Case
        $path = New-OnboardingFile "bad-$($Case -replace ' ', '-').psd1" $c.Text
        Clear-EmulatorRequest
        foreach ($command in 'Test-AstroNetworkOnboarding', 'Invoke-AstroNetworkOnboarding') {
            $err = $null
            try { & $command -Path $path } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'OnboardingFileInvalid,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            "$err" | Should -Match ("line $($c.Line), " + [regex]::Escape($c.Key) + ':')
        }
        @(Get-EmulatorRequest) | Should -BeNullOrEmpty
    }

    It 'reports every problem of a file, not only the first' {
        $path = New-OnboardingFile 'many.psd1' "@{`n    Version = 2`n    Deployment = 'etl'`n    Colour = 'blue'`n}"
        $all = @()
        try { Test-AstroNetworkOnboarding -Path $path -ErrorVariable +all -ErrorAction Continue 2>$null } catch { $all += $_ }
        @($all | Where-Object { "$_" -match 'line 2, Version:' }) | Should -Not -BeNullOrEmpty
        @($all | Where-Object { "$_" -match "line 4, Colour: unknown key" }) | Should -Not -BeNullOrEmpty
    }
}
