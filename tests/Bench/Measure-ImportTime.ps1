# Start-up cost of the module: wall time of fresh `dotnet pwsh -NoProfile` processes that exit at once versus ones that
# import the module, alternated so that machine noise falls on both; returns the median of each.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 5
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchSupport.psm1') -Force

function Measure-Process([string] $Command) {
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & dotnet pwsh -NoProfile -NonInteractive -Command $Command
    $watch.Stop()
    if ($LASTEXITCODE -ne 0) { throw "dotnet pwsh -Command '$Command' exited with $LASTEXITCODE." }
    $watch.Elapsed.TotalSeconds
}

Push-Location (Join-Path $PSScriptRoot '../..')   # `dotnet pwsh` is the repository's local tool
$import = "Import-Module '$($ModulePath.Replace("'", "''"))'"
Measure-Process 'exit' | Out-Null   # the first start pays for cold disk caches; not counted
$bare = [System.Collections.Generic.List[double]]::new()
$imported = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $Runs; $i++) {
    $bare.Add((Measure-Process 'exit'))
    $imported.Add((Measure-Process $import))
}
Pop-Location
[pscustomobject]@{
    Runs          = $Runs
    BareSeconds   = [math]::Round((Get-Median $bare), 2)
    ImportSeconds = [math]::Round((Get-Median $imported), 2)
}
