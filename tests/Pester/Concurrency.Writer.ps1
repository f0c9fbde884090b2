# One of the concurrent writers started by Concurrency.Tests.ps1, in its own pwsh process: signs in to the emulator,
# waits for the common start signal, then adds its IPs one call per IP (then removes them, then adds them again) on
# every resource, and writes what happened to a JSON file: retries announced, errors met, seconds taken.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResourceId,   # comma-separated (pwsh -File passes each argument as one string)
    [Parameter(Mandatory)] [string] $IpAddress,
    [Parameter(Mandatory)] [string] $StartSignal,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
$ids = $ResourceId -split ','
$ips = $IpAddress -split ','
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
Connect-TestAzure | Out-Null
# Warm up (load and compile every write path) with an IP of our own outside both sets, so both writers start equal.
$warmup = '192.0.2.' + ($ips[0] -split '\.')[-1]
Add-AstroAllowlist -ResourceId $ids -Port '*' -IpAddress $warmup | Out-Null
Remove-AstroAllowlist -ResourceId $ids -Port '*' -IpAddress $warmup -Confirm:$false | Out-Null
New-Item -ItemType File -Path "$ResultPath.ready" -Force | Out-Null

$deadline = [DateTime]::UtcNow.AddSeconds(60)
while (-not (Test-Path $StartSignal)) {
    if ([DateTime]::UtcNow -gt $deadline) { throw 'No start signal within 60 s.' }
    Start-Sleep -Milliseconds 20
}

$retries = @{}   # resource type -> read-merge-writes redone
$errors = [System.Collections.Generic.List[string]]::new()
$clock = [System.Diagnostics.Stopwatch]::StartNew()
foreach ($phase in 'Add', 'Remove', 'Add') {
    foreach ($ip in $ips) {
        $failed = $null
        $records = if ($phase -eq 'Add') {
            Add-AstroAllowlist -ResourceId $ids -Port '*' -IpAddress $ip -Verbose -ErrorAction SilentlyContinue -ErrorVariable failed 4>&1
        } else {
            Remove-AstroAllowlist -ResourceId $ids -Port '*' -IpAddress $ip -Confirm:$false -Verbose -ErrorAction SilentlyContinue -ErrorVariable failed 4>&1
        }
        foreach ($r in $records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Concurrent update*' }) {
            $type = [regex]::Match($r.Message, '/providers/([^/]+/[^/]+)/').Groups[1].Value
            $retries[$type] = 1 + [int]$retries[$type]
        }
        foreach ($e in $failed) { $errors.Add("$phase $ip $($e.FullyQualifiedErrorId): $($e.Exception.Message)") }
    }
}

@{ Retries = $retries; Errors = @($errors); Seconds = [math]::Round($clock.Elapsed.TotalSeconds, 1) } |
    ConvertTo-Json | Set-Content -Path $ResultPath
