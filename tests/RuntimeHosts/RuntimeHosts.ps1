# The runtime hosts (tests/RuntimeHosts): the built module on .NET 8 (PowerShell 7.4, Azure Automation), .NET 9
# (PowerShell 7.5) and, under Mono, the .NET Framework path of Windows PowerShell 5.1. Dot-sourced by BuildSupport.ps1;
# uses $root, $Configuration and Start-Emulator from there. Each host's steps count as passes and failures.

function Invoke-RuntimeHostTests {
    param([string] $TestOut, [string] $ModuleDir)
    $dir = Join-Path $TestOut 'hosts'
    if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    New-Item -ItemType Directory -Force $dir | Out-Null
    $project = Join-Path $root 'tests/RuntimeHosts'
    # One build for the three targets: the self-contained net8.0/net9.0 outputs carry their runtime from the NuGet packs.
    & dotnet build $project -c $Configuration --nologo -v quiet 2>&1 | Out-File (Join-Path $dir 'build.log')
    if ($LASTEXITCODE -ne 0) {
        Write-Host "Hosts: the host project did not build (see $(Join-Path $dir 'build.log'))"
        return @{ Name = 'Hosts'; Passed = 0; Failed = 1 }
    }
    $bin = Join-Path $project "bin/$Configuration"
    $hosts = @(
        @{ Name = 'net8.0'; Command = @(Join-Path $bin 'net8.0/linux-x64/Astro.Network.RuntimeHost') }
        @{ Name = 'net9.0'; Command = @(Join-Path $bin 'net9.0/linux-x64/Astro.Network.RuntimeHost') }
        @{ Name = 'net472'; Command = @('mono', (Join-Path $bin 'net472/Astro.Network.RuntimeHost.exe')); Mono = $true }
    )
    $seeded = (Get-Content (Join-Path $root 'tests/Astro.Network.Emulator/Scenarios/test.json') -Raw | ConvertFrom-Json).azure
    $first = { param($type) $seeded.resources.id | Where-Object { $_ -match ('/providers/' + [regex]::Escape($type) + '/[^/]+$') } | Select-Object -First 1 }
    $passed = 0; $failed = 0
    $emulator = Start-Emulator -Scenario 'test' -LogDirectory $dir
    try {
        $environment = @{
            SSL_CERT_FILE = $env:SSL_CERT_FILE
            IDENTITY_ENDPOINT = "$($emulator.Url)msi/token"; IDENTITY_HEADER = $seeded.managedIdentity.identityHeader
            ASTRO_AZURE_ENVIRONMENT = 'Custom'; ASTRO_AZURE_ARM_URL = $emulator.Url; ASTRO_AZURE_GRAPH_URL = "$($emulator.Url)graph/"; ASTRO_AZURE_AUTHORITY_HOST = $emulator.Url
        }
        foreach ($h in $hosts) {
            $result = Join-Path $dir "$($h.Name).json"
            $log = Join-Path $dir "$($h.Name).log"
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            try {
                if ($h['Mono']) { $environment.XDG_CONFIG_HOME = Initialize-MonoTrust -Directory $dir }
                $arguments = @('--module', $ModuleDir, '--emulator', $emulator.Url, '--storage', (& $first 'Microsoft.Storage/storageAccounts'),
                    '--vnet', (& $first 'Microsoft.Network/virtualNetworks'), '--deployment', 'etl', '--result', $result)
                $exit = Invoke-HostProcess -Command ($h.Command + $arguments) -Environment $environment -Log $log
            }
            catch {
                "Host $($h.Name) could not run: $_" | Tee-Object -FilePath $log -Append | Out-Host
                $exit = -1
            }
            $r = if (Test-Path $result) { Get-Content $result -Raw | ConvertFrom-Json } else { $null }
            if ($r) {
                Write-Host ("  host {0}: {1} passed, {2} failed, {3} skipped on {4} in {5:N1} s; System.Text.Json {6} from {7}" -f $h.Name, $r.passed, $r.failed,
                    $r.skipped, $r.runtime, $clock.Elapsed.TotalSeconds, $r.systemTextJson.version, $r.systemTextJson.location)
                $r.steps | Where-Object outcome -NE 'passed' | ForEach-Object { Write-Host "    $($_.outcome.ToUpperInvariant()) $($_.name): $($_.detail)" }
                $passed += $r.passed; $failed += $r.failed + [int]($exit -ne 0 -and $r.failed -eq 0)
            }
            else {
                Write-Host "  host $($h.Name): no result (exit $exit); see $log"
                $failed++
            }
        }
    }
    finally {
        Stop-Emulator $emulator
    }
    @{ Name = 'Hosts'; Passed = $passed; Failed = $failed }
}

# Mono's TLS trusts its own store, not SSL_CERT_FILE: cert-sync adds the emulator's certificate to a user store that
# lives under this run's folder (XDG_CONFIG_HOME), so neither the machine nor the user's home is touched.
function Initialize-MonoTrust {
    param([string] $Directory)
    & (Join-Path $root 'tests/RuntimeHosts/Install-Mono.ps1')
    $config = Join-Path $Directory 'mono-config'
    $saved = $env:XDG_CONFIG_HOME
    try {
        $env:XDG_CONFIG_HOME = $config
        & cert-sync --quiet --user $env:SSL_CERT_FILE | Out-Null
        if ($LASTEXITCODE -ne 0) { throw "cert-sync failed with exit code $LASTEXITCODE" }
    }
    finally {
        $env:XDG_CONFIG_HOME = $saved
    }
    $config
}

function Invoke-HostProcess {
    param([string[]] $Command, [hashtable] $Environment, [string] $Log)
    $start = [System.Diagnostics.ProcessStartInfo]::new($Command[0])
    foreach ($a in $Command | Select-Object -Skip 1) { $start.ArgumentList.Add($a) }
    foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit(300000)) { $process.Kill($true); throw "$($Command[0]) did not finish within 5 minutes." }
    Set-Content -Path $Log -Value ($stdout.Result + $stderr.Result)
    $process.ExitCode
}
