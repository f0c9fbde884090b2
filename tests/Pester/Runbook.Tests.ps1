# Item 7 of issue 6: a runbook-style script in a fresh non-interactive pwsh with only the Automation sandbox's
# managed-identity variables for Azure, stdin closed, Automation's preference settings, the built module from out/.
BeforeDiscovery {
    $peeringExported = (Import-PowerShellDataFile $env:ASTRO_TEST_MODULE).CmdletsToExport -contains 'Grant-AstroPeeringRole'
}

BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $emulator = Get-EmulatorUrl
    $identity = $scenario.azure.managedIdentity
    # Not the first storage account: that one shares etl's region, where Storage ignores IP rules (AllowlistSameRegion).
    $storage = (Get-EmulatorScenario).azure.resources.id | Where-Object { $_ -like '*/storageAccounts/stcontosowest01' }
    $sql = Get-SeededResource 'Microsoft.Sql/servers'
    $vnet = Get-SeededResource 'Microsoft.Network/virtualNetworks'
    $secrets = @($identity.identityHeader, 'astro-test-token') + @($scenario.azure.tenants.apps.secret | Where-Object { $_ })

    # Only what the sandbox gives a runbook (plus the test's certificate trust and the emulator's endpoints).
    function Invoke-Runbook {
        $start = [System.Diagnostics.ProcessStartInfo]::new((Get-Command dotnet -CommandType Application)[0].Source)
        foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NonInteractive', '-NoProfile', '-File', "$PSScriptRoot/Fixtures/Runbook/Set-AstroNetworkAccess.ps1",
                '-ModulePath', $env:ASTRO_TEST_MODULE, '-DeploymentName', 'etl', '-StorageAccountId', $storage, '-SqlServerId', $sql, '-VirtualNetworkId', $vnet)) {
            $start.ArgumentList.Add($a)
        }
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        $start.Environment.Clear()
        foreach ($name in 'PATH', 'HOME', 'TMPDIR', 'LANG', 'DOTNET_ROOT', 'SSL_CERT_FILE') {
            $value = [Environment]::GetEnvironmentVariable($name)
            if ($value) { $start.Environment[$name] = $value }
        }
        $start.Environment['AZUREPS_HOST_ENVIRONMENT'] = 'AzureAutomation'
        $start.Environment['IDENTITY_ENDPOINT'] = "${emulator}msi/token"
        $start.Environment['IDENTITY_HEADER'] = $identity.identityHeader
        $start.Environment['ASTRO_AZURE_ENVIRONMENT'] = 'Custom'
        $start.Environment['ASTRO_AZURE_ARM_URL'] = $emulator
        $start.Environment['ASTRO_AZURE_GRAPH_URL'] = "${emulator}graph/"
        $start.Environment['ASTRO_AZURE_AUTHORITY_HOST'] = $emulator
        $start.Environment['ASTRO_API_TOKEN'] = 'astro-test-token'
        $start.Environment['ASTRO_ORGANIZATION_ID'] = 'org-test'
        $start.Environment['ASTRO_API_URL'] = "${emulator}v1"
        $process = [System.Diagnostics.Process]::Start($start)
        $process.StandardInput.Close()   # a prompt would read end-of-input and fail, never wait
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit(180000)) { $process.Kill($true); throw 'The runbook did not finish within 3 minutes.' }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout.Result + $stderr.Result }
    }

    Reset-Emulator
    Disconnect-AstroAzure
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
    $ips = @((Get-AstroDeployment -Name etl | Get-AstroExternalIp).IpAddress)
    $before = @($storage, $sql | ForEach-Object { (Test-AstroAllowlist -ResourceId $_ -IpAddress $ips).Allowed })
    Clear-EmulatorRequest
    $run = Invoke-Runbook
    $log = @(Get-EmulatorRequest)
}

AfterAll {
    Disconnect-AstroAzure
    Disconnect-Astro
}

Describe 'Runbook in an Automation-like sandbox' {
    It 'finishes with exit code 0 and no prompt' {
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Not -Match 'NonInteractive|prompt|Read-Host'
    }

    It 'signed in with the managed identity only' {
        @($log | Where-Object service -EQ 'msi').Count | Should -BeGreaterThan 0
        @($log | Where-Object service -EQ 'entra').Count | Should -Be 0
        $run.Output | Should -Match 'Default \(ManagedIdentity\)'
        @($log | Where-Object { $_.service -eq 'arm' -and $_.isWrite }).principalId | Sort-Object -Unique |
            Should -Be $identity.systemAssigned.principalId
    }

    It 'allowlisted the etl Deployment''s IPs on the storage account and the SQL server' {
        $ips.Count | Should -BeGreaterThan 0
        $before | Should -Not -Contain $true
        (Test-AstroAllowlist -ResourceId $storage -IpAddress $ips).Allowed | Should -BeTrue
        (Test-AstroAllowlist -ResourceId $sql -IpAddress $ips).Allowed | Should -BeTrue
    }

    It 'granted the peering roles' -Skip:(-not $peeringExported) {
        $grants = @($log | Where-Object { $_.service -eq 'arm' -and $_.method -eq 'PUT' -and $_.url -match 'roleAssignments' -and $_.status -lt 300 })
        $grants.Count | Should -BeGreaterThan 0
    }

    It 'wrote no secret to any stream' {
        foreach ($s in $secrets) { $run.Output | Should -Not -Match ([regex]::Escape($s)) }
        $run.Output | Should -Not -Match 'eyJ[\w-]+\.[\w-]+\.'   # no JWT
    }
}
