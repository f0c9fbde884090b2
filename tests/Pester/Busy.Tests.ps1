# Issue 13 item 4 through the cmdlets: a resource that answers "busy" (the emulator's BusyAnswers, each with its source)
# is written once the busy period passes, and -BusyTimeout bounds the wait with a stable error.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Reset-Emulator
    Connect-TestAzure | Out-Null
    $sql = Get-SeededResource 'Microsoft.Sql/servers'                     # sql-contoso-data
    $cosmos = Get-SeededResource 'Microsoft.DocumentDB/databaseAccounts'  # cosmos-contoso-data
    function Set-Busy([string] $ResourceId, [string] $Kind, [int] $Count) {
        $body = @{ resourceId = $ResourceId; kind = $Kind; count = $Count } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri "$(Get-EmulatorUrl)_emulator/busy" -Body $body -ContentType 'application/json' | Out-Null
    }
}

Describe 'A busy resource' {
    BeforeEach { Reset-Emulator }

    It 'is written after the busy period, and verbose says what was waited for' {
        Set-Busy $sql 'sql' 1
        Set-Busy $cosmos 'cosmos' 1

        $verbose = Add-AstroAllowlist -ResourceId $sql, $cosmos -IpAddress 203.0.113.77 -Confirm:$false -Verbose 4>&1
        $changes = @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $messages = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $changes.Count | Should -Be 2
        $changes | ForEach-Object { $_.Changed | Should -BeTrue; $_.EntriesAfter | Should -Contain '203.0.113.77' }
        $messages | Where-Object { $_ -match ($sql -split '/')[-1] -and $_ -match '409 OperationInterrupted' -and $_ -match 'waiting [0-9.]+ s' } | Should -Not -BeNullOrEmpty
        $messages | Where-Object { $_ -match ($cosmos -split '/')[-1] -and $_ -match '412 PreconditionFailed' -and $_ -match 'exclusive lock' } | Should -Not -BeNullOrEmpty
        (Invoke-RestMethod "$(Get-EmulatorUrl)_emulator/faults/stats").injected.PSObject.Properties.Value | Measure-Object -Sum |
            ForEach-Object Sum | Should -Be 2 -Because 'each busy answer was met once and waited out'
    }

    It 'that stays busy past -BusyTimeout fails with AzureResourceBusy naming the service code, and nothing is written' {
        Set-Busy $sql 'sql' 10000

        $out = Add-AstroAllowlist -ResourceId $sql -IpAddress 203.0.113.78 -BusyTimeout 1 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AzureResourceBusy,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceBusy'
        $failures[0].Exception.Message | Should -Match '409 OperationInterrupted'
        $failures[0].Exception.Message | Should -Match 'busy timeout \(1 s\)'
        @($out).Count | Should -Be 0
        $rules = @(Get-EmulatorArmList -Path "$sql/firewallRules" -ApiVersion '2021-11-01')
        $rules.properties.startIpAddress | Should -Not -Contain '203.0.113.78'
    }
}
