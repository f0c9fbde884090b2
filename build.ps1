#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages the Astro.Network module.
.DESCRIPTION
    Build    assembles an importable module folder in out/Astro.Network (cmdlets at the root, the engine and its
             dependencies in Dependencies/, formats and help).
    Test     builds, runs xunit (engine, cmdlets, emulator), starts the emulator, runs Pester against the built
             module in a separate pwsh process, validates recorded ARM traffic with oav, prints the coverage table
             (tests/Coverage/operations.psd1 versus the traffic), sweeps out/test for secrets, and prints one line
             "N passed, N failed". Exits non-zero on any failure.
    Demo     starts the emulator with the demo scenario and walks through the module as a new user would; ends with
             what it wrote and how to try it yourself. Test runs the same walk-through quietly and counts it.
    Emulator starts the demo scenario's emulator in the foreground on -Port (default 47443) and prints the lines that
             sign in to it from a second terminal; Ctrl+C stops it.
    Package  builds and writes out/Astro.Network.zip in the layout Azure Automation imports.
    Bench    builds, starts the emulator and prints one table of ratios: Import-Module over bare pwsh start-up,
             requests per operation versus the minimum, fan-out at 100 ms latency versus -ThrottleLimit 1, and the
             seed's peering flow through the module versus az (when installed), and a tenant audit of 10,000 resources
             in 100 subscriptions through Resource Graph versus listing (listing on 10 subscriptions, scaled; peak
             working set); out/bench/results.md and .json.
    Interop  installs Debian's azure-cli if az is missing, runs the seed's az commands against the emulator and the
             module on what az did (tests/Interop). Test runs it too (installing azure-cli when missing).
    Conformance  replays the in-scope exchanges of Microsoft's recordings of live Azure (-RecordingPath, default
             ../shared/azure-recordings) against its own emulator and prints the fidelity table (tests/Conformance).
             Test runs it too and counts one result per in-scope exchange.
    Soak     the fault soak at full size: 520 mutating operations (allowlists on seven types, peering grant/revoke)
             under about 20% injected ARM faults; Test runs the same tests at 60 operations.
    Hosts    the built module loaded as PowerShell loads it, on .NET 8 and .NET 9 (self-contained hosts) and on Mono
             (the Windows PowerShell 5.1 path; installs Debian's Mono if missing), each driving the engine against
             the emulator (tests/RuntimeHosts). Test runs it too, as the Hosts row.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'Package', 'Bench', 'Interop', 'Soak', 'Conformance', 'Hosts')]
    [string] $Task = 'Build',

    # Conformance: a folder of recordings (Azure CLI VCR YAML or Azure PowerShell SessionRecord JSON, any depth).
    [string] $RecordingPath = (Join-Path (Split-Path $PSScriptRoot) 'shared/azure-recordings'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # -Task Emulator: the port to listen on.
    [int] $Port = 47443
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleDir = Join-Path $out 'Astro.Network'
$testOut = Join-Path $out 'test'
. (Join-Path $root 'tests/BuildSupport.ps1')

function Invoke-Build {
    $version = (Import-PowerShellDataFile (Join-Path $root 'Astro.Network.psd1')).ModuleVersion
    Write-Host "Building Astro.Network $version ($Configuration)"
    if (Test-Path $moduleDir) { Remove-Item $moduleDir -Recurse -Force }
    $cmdletOut = Join-Path $out "bin/$Configuration/cmdlets"
    Invoke-Native dotnet publish (Join-Path $root 'src/Astro.Network.Engine') -c $Configuration -o (Join-Path $moduleDir 'Dependencies') "-p:Version=$version" --nologo -v quiet
    Invoke-Native dotnet build (Join-Path $root 'src/Astro.Network') -c $Configuration -o $cmdletOut "-p:Version=$version" --nologo -v quiet
    foreach ($file in 'Astro.Network.dll', 'Astro.Network.pdb') {
        Copy-Item (Join-Path $cmdletOut $file) $moduleDir
    }
    # The engine is reached through the load context only; a copy beside the cmdlets would bypass isolation.
    Get-ChildItem (Join-Path $moduleDir 'Dependencies') -Filter 'Astro.Network.dll' | Remove-Item
    Copy-Item (Join-Path $root 'Astro.Network.psd1') $moduleDir
    Get-ChildItem (Join-Path $root 'module') -Filter '*.ps1xml' | Copy-Item -Destination $moduleDir
    # MAML help and about topics into <module>/en-US; a fresh process because the generator imports the built module.
    Invoke-Native dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'module/help/New-MamlHelp.ps1') -ModulePath (Join-Path $moduleDir 'Astro.Network.psd1')
    Write-Host "Module: $moduleDir"
}

function Invoke-Test {
    Invoke-Package   # builds too; the Pester suite checks the zip
    New-Item -ItemType Directory -Force $testOut | Out-Null
    Invoke-Native dotnet build (Join-Path $root 'tests/Astro.Network.Tests') -c $Configuration --nologo -v quiet
    Invoke-Native dotnet restore (Join-Path $root 'tests/tools') --nologo -v quiet
    $cert = New-EmulatorCertificate -Directory (Join-Path $testOut 'cert')
    $env:SSL_CERT_FILE = $cert.Pem       # inherited by the test processes only, never used by product code
    $env:ASTRO_EMULATOR_CERT = $cert.Pfx
    $env:ASTRO_TEST_MODULE = Join-Path $moduleDir 'Astro.Network.psd1'

    $results = [System.Collections.Generic.List[object]]::new()
    $results.Add((Invoke-XunitTests -TestOut $testOut))
    $traffic = Join-Path $testOut 'traffic'
    if (Test-Path $traffic) { Remove-Item $traffic -Recurse -Force }
    $requestLog = Join-Path $testOut 'emulator.requests.jsonl'
    $emulator = Start-Emulator -Scenario 'test' -TrafficDirectory $traffic -LogDirectory $testOut -RequestLog $requestLog
    try {
        $results.Add((Invoke-PesterTests -EmulatorUrl $emulator.Url -TestOut $testOut))
    }
    finally {
        Stop-Emulator $emulator
    }
    $results.Add((Invoke-DemoCheck))
    $results.Add((Invoke-OavValidation -TrafficDirectory $traffic -TestOut $testOut))
    # Microsoft's own client in every run: Debian's azure-cli is installed when missing (once per machine), as -Task Interop does.
    try {
        & (Join-Path $root 'tests/Interop/Install-AzureCli.ps1')
        $results.Add((Invoke-Interop -FromTest))
    }
    catch {
        Write-Host "Interop: azure-cli is missing and could not be installed: $_"
        $results.Add(@{ Name = 'Interop'; Passed = 0; Failed = 1 })
    }
    $results.Add((Invoke-Conformance -FromTest))
    $results.Add((Invoke-RuntimeHostTests -TestOut $testOut -ModuleDir $moduleDir))
    $results.Add((Invoke-CoverageCheck -TrafficDirectory $traffic -OavReport (Join-Path $testOut 'oav-report.json') -RequestLog $requestLog))
    $results.Add((Invoke-SecretSweep -TestOut $testOut))   # last: every artifact of the run exists by now

    $passed = ($results | Measure-Object -Property Passed -Sum).Sum
    $failed = ($results | Measure-Object -Property Failed -Sum).Sum
    foreach ($r in $results) { Write-Host ("  {0,-8} {1} passed, {2} failed" -f $r.Name, $r.Passed, $r.Failed) }
    Write-Host ("{0} passed, {1} failed" -f $passed, $failed)
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

# Builds, starts an emulator with its own certificate (trusted by the child process only) and runs one script against it.
function Invoke-WithEmulator {
    param([string] $Name, [string] $Scenario, [string] $Script, [string[]] $Arguments = @())
    Invoke-Build
    $dir = Join-Path $out $Name
    $cert = New-EmulatorCertificate -Directory (Join-Path $dir 'cert')
    $env:ASTRO_EMULATOR_CERT = $cert.Pfx
    $emulator = Start-Emulator -Scenario $Scenario -LogDirectory $dir
    try {
        $env:SSL_CERT_FILE = $cert.Pem
        Invoke-Native dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root $Script) `
            -ModulePath (Join-Path $moduleDir 'Astro.Network.psd1') -EmulatorUrl $emulator.Url @Arguments
    }
    finally {
        Stop-Emulator $emulator
        Remove-Item Env:SSL_CERT_FILE -ErrorAction SilentlyContinue
    }
}

function Invoke-Demo { Invoke-WithEmulator -Name 'demo' -Scenario 'demo' -Script 'tests/Demo/Invoke-Demo.ps1' }

# The first run a new user makes, as a Test row: the Demo, quiet, against its own emulator; it fails when any step does.
function Invoke-DemoCheck {
    $dir = Join-Path $testOut 'demo'
    $emulator = Start-Emulator -Scenario 'demo' -LogDirectory $dir
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Demo/Invoke-Demo.ps1') -Quiet `
            -ModulePath (Join-Path $moduleDir 'Astro.Network.psd1') -EmulatorUrl $emulator.Url 2>&1 | Tee-Object (Join-Path $dir 'demo.console.log') | Out-Host
        $ok = $LASTEXITCODE -eq 0
    }
    finally {
        Stop-Emulator $emulator
    }
    @{ Name = 'Demo'; Passed = [int]$ok; Failed = [int](-not $ok) }
}

# The demo scenario in the foreground for trying the module by hand; SignIn.ps1 holds the commands a second terminal runs.
function Invoke-Emulator {
    Invoke-Build
    . (Join-Path $root 'tests/Demo/TryIt.ps1')
    $dir = Join-Path $out 'emulator'
    $cert = New-EmulatorCertificate -Directory (Join-Path $dir 'cert')
    $env:ASTRO_EMULATOR_CERT = $cert.Pfx
    $emulator = Start-Emulator -Scenario 'demo' -LogDirectory $dir -Port $Port
    try {
        $signIn = Get-DemoSignIn -EmulatorUrl $emulator.Url -ModulePath (Join-Path $moduleDir 'Astro.Network.psd1')
        # Out-Host per command: in one script, the first object's table would otherwise turn the rest into lists.
        Set-Content -Path (Join-Path $dir 'SignIn.ps1') -Value ($signIn -replace '^((Connect|Get)-.*)$', '$1 | Out-Host')
        Write-Host "Emulator (demo scenario) listening on $($emulator.Url); its log is in $dir. Ctrl+C stops it."
        Write-Host 'In a second terminal, from the repository root (Linux; SSL_CERT_FILE makes .NET trust the emulator''s certificate):'
        Write-Host (Get-TryItBlock -Port $Port)[1]
        Write-Host "or set SSL_CERT_FILE=$($cert.Pem) before starting pwsh, and run:"
        $signIn | ForEach-Object { Write-Host "    $_" }
        while (-not $emulator.Process.HasExited) { Start-Sleep -Milliseconds 500 }
    }
    finally {
        Stop-Emulator $emulator
    }
}

function Invoke-Package {
    Invoke-Build
    $zip = Join-Path $out 'Astro.Network.zip'
    if (Test-Path $zip) { Remove-Item $zip }
    # Azure Automation wants the module folder at the zip root, named as the zip and the manifest, with no version folder.
    Compress-Archive -Path $moduleDir -DestinationPath $zip
    $size = (Get-Item $zip).Length
    $longest = (Get-ChildItem $moduleDir -Recurse -File | ForEach-Object { $_.FullName.Substring($out.Length + 1).Length } | Measure-Object -Maximum).Maximum
    Write-Host ("Package: {0} ({1:N0} KB; longest path in zip {2} characters)" -f $zip, ($size / 1KB), $longest)
}

# -FromTest reuses Test's build, tools and certificate and returns the counts instead of exiting.
function Invoke-Interop {
    param([switch] $FromTest)
    $dir = Join-Path $out 'interop'
    if (-not $FromTest) {
        Invoke-Build
        & (Join-Path $root 'tests/Interop/Install-AzureCli.ps1')
        Invoke-Native dotnet build (Join-Path $root 'tests/Astro.Network.Emulator') -c $Configuration --nologo -v quiet
        Invoke-Native dotnet restore (Join-Path $root 'tests/tools') --nologo -v quiet
        $cert = New-EmulatorCertificate -Directory (Join-Path $dir 'cert')
        $env:ASTRO_EMULATOR_CERT, $env:SSL_CERT_FILE = $cert.Pfx, $cert.Pem
    }
    $summary = Join-Path $dir 'interop.json'
    Remove-Item $summary -ErrorAction Ignore
    $emulator = Start-Emulator -Scenario 'test' -LogDirectory $dir
    try {
        $env:ASTRO_TEST_EMULATOR, $env:ASTRO_TEST_MODULE = $emulator.Url, (Join-Path $moduleDir 'Astro.Network.psd1')
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Interop/Invoke-InteropTests.ps1') -PesterPath (Get-PesterModulePath) `
            -SummaryPath $summary -ConfigDirectory (Join-Path $dir 'azure') -CaBundle $env:SSL_CERT_FILE | Out-Host
    }
    finally {
        Stop-Emulator $emulator
    }
    Complete-Run -Name 'Interop' -Summary $summary -FromTest:$FromTest
}

# -FromTest reuses Test's certificate and returns the counts instead of exiting.
function Invoke-Conformance {
    param([switch] $FromTest)
    $dir = Join-Path $out 'conformance'
    if (-not $FromTest) {
        Invoke-Native dotnet restore (Join-Path $root 'tests/tools') --nologo -v quiet
        $cert = New-EmulatorCertificate -Directory (Join-Path $dir 'cert')
        $env:ASTRO_EMULATOR_CERT, $env:SSL_CERT_FILE = $cert.Pfx, $cert.Pem
    }
    $summary = Join-Path $dir 'conformance.json'
    Remove-Item $summary -ErrorAction Ignore
    $emulator = Start-Emulator -Scenario 'test' -LogDirectory $dir
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Conformance/Invoke-Conformance.ps1') -RecordingPath $RecordingPath `
            -EmulatorUrl $emulator.Url -SpecRoot (Join-Path (Split-Path $root) 'shared/azure-specs/specification') -SummaryPath $summary | Out-Host
    }
    finally {
        Stop-Emulator $emulator
    }
    Complete-Run -Name 'conform' -Summary $summary -FromTest:$FromTest
}

function Invoke-Hosts {
    Invoke-Build
    $cert = New-EmulatorCertificate -Directory (Join-Path $testOut 'cert')
    $env:ASTRO_EMULATOR_CERT, $env:SSL_CERT_FILE = $cert.Pfx, $cert.Pem
    Complete-Run -Result (Invoke-RuntimeHostTests -TestOut $testOut -ModuleDir $moduleDir)
}

# The end of a task that ran one suite: its counts for Test (-FromTest), or the line and the exit code when run alone.
# A missing summary file means the suite did not finish: one failure.
function Complete-Run {
    param([string] $Name, [string] $Summary, [hashtable] $Result, [switch] $FromTest)
    $r = if ($Result) { $Result } elseif (Test-Path $Summary) { Get-Content $Summary -Raw | ConvertFrom-Json } else { @{ Passed = 0; Failed = 1 } }
    if ($FromTest) { return @{ Name = $Name; Passed = [int]$r.Passed; Failed = [int]$r.Failed } }
    Write-Host ("{0} passed, {1} failed" -f $r.Passed, $r.Failed)
    if ($r.Failed -gt 0 -or $r.Passed -eq 0) { exit 1 }
}

function Invoke-Bench {
    Invoke-WithEmulator -Name 'bench' -Scenario 'test' -Script 'tests/Bench/Invoke-Bench.ps1' -Arguments @('-OutDirectory', (Join-Path $out 'bench'))
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Emulator' { Invoke-Emulator }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Bench }
    'Interop' { Invoke-Interop }
    'Conformance' { Invoke-Conformance }
    'Hosts' { Invoke-Hosts }
    'Soak' { Invoke-Native dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Soak/Invoke-Soak.ps1') -Configuration $Configuration }
}
