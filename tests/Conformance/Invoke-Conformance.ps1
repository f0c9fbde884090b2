#Requires -Version 7.2
<#
.SYNOPSIS
    Measures the emulator against recordings of live Azure (issue 13). For each recording (Azure CLI VCR YAML or Azure
    PowerShell SessionRecord JSON, any folder depth) it seeds a running emulator from the recording, replays every
    in-scope exchange in order (Scope.ps1), compares what a client sees (Compare.ps1) and prints the fidelity table.
    One result per in-scope exchange: matched, or a divergence listed in divergences.psd1 (passes, reported), or an
    unlisted one (fails). A listed divergence that no longer occurs fails too, so the list can only shrink.
#>
param(
    [Parameter(Mandatory)] [string] $RecordingPath,
    [Parameter(Mandatory)] [string] $EmulatorUrl,
    [Parameter(Mandatory)] [string] $SpecRoot,
    [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
trap { Write-Host $_.ScriptStackTrace; break }
foreach ($part in 'Recordings', 'Scope', 'Seed', 'Sync', 'Replay', 'Compare') { . (Join-Path $PSScriptRoot "$part.ps1") }

$operations = Get-ModuleOperations -SpecRoot $SpecRoot
$listed = @((Import-PowerShellDataFile (Join-Path $PSScriptRoot 'divergences.psd1')).Divergences)
$seenListed = [System.Collections.Generic.HashSet[string]]::new()   # recording|interaction|check pattern
$rows = [ordered]@{}
$failures = [System.Collections.Generic.List[string]]::new()
$control = [System.Net.Http.HttpClient]::new()
$control.BaseAddress = [uri]$EmulatorUrl

$files = Get-ChildItem $RecordingPath -Recurse -File -Include '*.yaml', '*.json' | Sort-Object FullName
foreach ($file in $files) {
    $name = [System.IO.Path]::GetRelativePath($RecordingPath, $file.FullName) -replace '\\', '/'
    $service = ($name -split '/')[0]
    if (-not $rows.Contains($service)) { $rows[$service] = [pscustomobject]@{ Service = $service; Compared = 0; Matched = 0; Listed = 0; Failed = 0; OutOfScope = 0; Skipped = 0; Names = [System.Collections.Generic.List[string]]::new() } }
    $row = $rows[$service]
    $exchanges = Get-Recording $file
    Add-ExchangeScope $operations $exchanges
    $inScope = @($exchanges | Where-Object Scope -EQ 'in-scope')
    $row.OutOfScope += @($exchanges | Where-Object Scope -EQ 'out-of-scope').Count
    $row.Skipped += @($exchanges | Where-Object Scope -In 'lro-poll', 'version-probe').Count
    if (-not $inScope) { Write-Host "  out of scope: $name (no operation of the module)"; continue }

    $scenario = New-ConformanceScenario $exchanges | ConvertTo-Json -Depth 100 -Compress
    $loaded = $control.PostAsync('_emulator/scenario', [System.Net.Http.StringContent]::new($scenario, [System.Text.Encoding]::UTF8, 'application/json')).GetAwaiter().GetResult()
    if (-not $loaded.IsSuccessStatusCode) { throw "$name`: the emulator refused the scenario: $($loaded.Content.ReadAsStringAsync().GetAwaiter().GetResult())" }
    $client = New-ReplayClient $EmulatorUrl ($scenario | ConvertFrom-Json).azure.tenants[0].id
    $sync = New-StateSync $control
    foreach ($x in $exchanges) {
        Sync-RecordedState $sync $x
        if ($x.Scope -ne 'in-scope') { continue }
        $replay = Invoke-Replay $client $operations $x
        Add-OwnedResources $sync $x
        $polls = @($exchanges | Where-Object { $_.Owner -eq $x })
        $row.Compared++
        $unlisted = 0
        foreach ($d in Compare-Exchange $x $polls $replay) {
            # Entries name checks with list keys folded ('body:value[*].properties.x'): one entry covers every item.
            $folded = $d.Check -replace '\[[^\]]*\]', '[*]'
            $entry = $listed | Where-Object { $_.Recording -eq $name -and $_.Interaction -contains $x.Index -and $_.Check -eq $folded } | Select-Object -First 1
            if ($entry) { [void]$seenListed.Add("$name|$($x.Index)|$($entry.Check)"); continue }
            $unlisted++
            $label = "$name#$($x.Index) $($x.Method) $($x.Operation) $($d.Check)"
            $row.Names.Add("$($x.Index) $($d.Check)")
            $failures.Add("$label`n      recorded: $($d.Expected)`n      emulator: $($d.Actual)")
        }
        $isListed = @($listed | Where-Object { $_.Recording -eq $name -and $_.Interaction -contains $x.Index }).Count -gt 0
        if ($unlisted) { $row.Failed++ } elseif ($isListed) { $row.Listed++ } else { $row.Matched++ }
    }
    $client.Http.Dispose()
}

$ran = @($rows.Keys | ForEach-Object { $_ })
# Per interaction: an entry that names an interaction where its divergence no longer occurs is stale.
$stale = @(foreach ($entry in $listed | Where-Object { Test-Path (Join-Path $RecordingPath $_.Recording) }) {
        $gone = @($entry.Interaction | Where-Object { -not $seenListed.Contains("$($entry.Recording)|$_|$($entry.Check)") })
        if ($gone) { [pscustomobject]@{ Recording = $entry.Recording; Interaction = $gone; Check = $entry.Check } }
    })
Write-Host ''
Write-Host 'conformance: fidelity to recorded Azure (one row per service; compared = in-scope exchanges replayed)'
Write-Host ('  {0,-20} {1,8} {2,8} {3,7} {4,7} {5,13} {6,8}  {7}' -f 'service', 'compared', 'matched', 'listed', 'failed', 'out of scope', 'skipped', 'divergences (interaction check)')
foreach ($r in $rows.Values) {
    $names = @($listed | Where-Object { $_.Recording.StartsWith("$($r.Service)/") } | Group-Object Check |
            ForEach-Object { "$($_.Name) (listed x$(($_.Group | ForEach-Object { @($_.Interaction).Count } | Measure-Object -Sum).Sum))" }) + @($r.Names)
    Write-Host ('  {0,-20} {1,8} {2,8} {3,7} {4,7} {5,13} {6,8}  {7}' -f $r.Service, $r.Compared, $r.Matched, $r.Listed, $r.Failed, $r.OutOfScope, $r.Skipped, ($names -join '; '))
}
$compared = ($rows.Values | Measure-Object Compared -Sum).Sum
$matched = ($rows.Values | Measure-Object Matched -Sum).Sum
$listedCount = ($rows.Values | Measure-Object Listed -Sum).Sum
Write-Host ('  total: {0} of {1} in-scope exchanges matched, {2} with listed divergences, {3} failed; {4} files' -f $matched, $compared, $listedCount, $failures.Count, $files.Count)
foreach ($f in $failures) { Write-Host "  FAIL $f" }
foreach ($s in $stale) { Write-Host "  FAIL listed divergence no longer occurs (remove it from divergences.psd1): $($s.Recording)#$($s.Interaction -join ',') $($s.Check)" }

$failed = ($rows.Values | Measure-Object Failed -Sum).Sum + $stale.Count
$passed = $matched + $listedCount
if ($SummaryPath) { @{ Passed = $passed; Failed = $failed } | ConvertTo-Json | Set-Content $SummaryPath }
