# Two real processes (the dotnet tool pwsh, each importing the built module and signed in on its own) add, remove and
# re-add different IPs, one call per IP, on the same resources at the same time. Firewalls kept as one list without an
# ETag lose a read-merge-write to the other writer unless the module verifies and redoes it; SQL (one rule per IP) and
# the NSG (If-Match) are controls.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Reset-Emulator
    Connect-TestAzure | Out-Null

    $types = @(
        'Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Microsoft.DocumentDB/databaseAccounts',
        'Microsoft.ContainerRegistry/registries', 'Microsoft.EventHub/namespaces', 'Microsoft.ServiceBus/namespaces',
        'Microsoft.Web/sites', 'Microsoft.ContainerService/managedClusters', 'Microsoft.Sql/servers', 'Microsoft.Network/networkSecurityGroups')
    $ids = @($types | ForEach-Object { Get-SeededResource $_ })
    $sets = @{ first = @(100..109 | ForEach-Object { "198.51.100.$_" }); second = @(200..209 | ForEach-Object { "198.51.100.$_" }) }

    # Entries as the services keep them: single hosts with or without /32.
    function ConvertTo-Address([string] $Value) { $Value -replace '/32$', '' }
    $before = @{}
    foreach ($id in $ids) { $before[$id] = @(Get-AstroAllowlist -ResourceId $id | ForEach-Object Raw) }

    $work = Join-Path ([IO.Path]::GetTempPath()) "astro-concurrency-$PID"
    New-Item -ItemType Directory -Path $work -Force | Out-Null
    $go = Join-Path $work 'go'
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    $writers = foreach ($name in $sets.Keys) {
        $result = Join-Path $work "$name.json"
        $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', "$PSScriptRoot/Concurrency.Writer.ps1",
            '-ModulePath', $env:ASTRO_TEST_MODULE, '-StartSignal', $go, '-ResultPath', $result,
            '-ResourceId', ($ids -join ','), '-IpAddress', ($sets[$name] -join ','))
        $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -WorkingDirectory $repo -PassThru `
            -RedirectStandardOutput "$result.out" -RedirectStandardError "$result.err"
        [pscustomobject]@{ Name = $name; Process = $process; Result = $result }
    }
    # Start both at once, once both are signed in and warm.
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (@($writers | Where-Object { -not (Test-Path "$($_.Result).ready") -and -not $_.Process.HasExited }).Count -gt 0 -and [DateTime]::UtcNow -lt $deadline) {
        Start-Sleep -Milliseconds 50
    }
    New-Item -ItemType File -Path $go | Out-Null
    foreach ($w in $writers) {
        if (-not $w.Process.WaitForExit(90000)) { $w.Process.Kill($true) }
    }
    $reports = @{}
    foreach ($w in $writers) {
        $reports[$w.Name] = if (Test-Path $w.Result) { Get-Content $w.Result -Raw | ConvertFrom-Json } else {
            [pscustomobject]@{ Retries = [pscustomobject]@{}; Errors = @("writer exited without a result: $(Get-Content "$($w.Result).err" -Raw)"); Seconds = 0 }
        }
    }
    $after = @{}
    foreach ($id in $ids) { $after[$id] = @(Get-AstroAllowlist -ResourceId $id) }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

Describe 'Two processes writing the same firewalls at once' {
    It 'both writers finished every call without an error' {
        foreach ($name in $reports.Keys) { @($reports[$name].Errors) | Should -BeNullOrEmpty -Because "writer $name" }
        $perType = @{}
        foreach ($report in $reports.Values) {
            foreach ($p in $report.Retries.PSObject.Properties) { $perType[$p.Name] = $p.Value + [int]$perType[$p.Name] }
        }
        $total = ($perType.Values | Measure-Object -Sum).Sum
        $detail = ($perType.GetEnumerator() | Sort-Object Name | ForEach-Object { "$($_.Name -replace '^Microsoft\.', '') $($_.Value)" }) -join ', '
        $seconds = ($reports.Values | ForEach-Object Seconds) -join ' s, '
        Write-Host "    Concurrency: 2 writers x 10 IPs x 3 phases on $($ids.Count) resources took $seconds s; $([int]$total) read-merge-writes redone after a concurrent update ($detail)"
    }

    It 'every IP of both writers is present exactly once on <_>' -ForEach @(
        'Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Microsoft.DocumentDB/databaseAccounts',
        'Microsoft.ContainerRegistry/registries', 'Microsoft.EventHub/namespaces', 'Microsoft.ServiceBus/namespaces',
        'Microsoft.Web/sites', 'Microsoft.ContainerService/managedClusters', 'Microsoft.Sql/servers', 'Microsoft.Network/networkSecurityGroups') {
        $type = $_
        $id = @($ids | Where-Object { $_.Contains("/providers/$type/") })[0]
        $values = @($after[$id] | ForEach-Object { ConvertTo-Address $_.Value })
        foreach ($ip in $sets.first + $sets.second) {
            @($values | Where-Object { $_ -eq $ip }).Count | Should -Be 1 -Because "$ip on $type"
        }
        $raw = @($after[$id] | ForEach-Object Raw)
        foreach ($entry in $before[$id]) { $raw | Should -Contain $entry -Because "the entry $entry was there before" }
    }
}
