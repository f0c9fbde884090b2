# Helpers for build.ps1: native calls, the emulator process, the test runners and the checks on their artifacts.
# Each runner returns @{ Name; Passed; Failed } so build.ps1 can print one combined line.

. (Join-Path $PSScriptRoot 'Coverage/CoverageCheck.ps1')
. (Join-Path $PSScriptRoot 'RuntimeHosts/RuntimeHosts.ps1')

# No param block on purpose: switches such as -c and -o must reach the native command untouched.
function Invoke-Native {
    $command, $arguments = $args
    & $command @arguments
    if ($LASTEXITCODE -ne 0) { throw "'$command $($arguments -join ' ')' failed with exit code $LASTEXITCODE" }
}

function Get-EmulatorAssembly {
    $project = Join-Path $root 'tests/Astro.Network.Emulator'
    $dll = Join-Path $project "bin/$Configuration/net10.0/Astro.Network.Emulator.dll"
    # Out-Host: the build's output must not become part of the path this function returns.
    if (-not (Test-Path $dll)) { Invoke-Native dotnet build $project -c $Configuration --nologo -v quiet | Out-Host }
    $dll
}

function New-EmulatorCertificate {
    param([string] $Directory)
    Invoke-Native dotnet (Get-EmulatorAssembly) --make-cert $Directory | Out-Null
    [pscustomobject]@{ Pfx = Join-Path $Directory 'emulator.pfx'; Pem = Join-Path $Directory 'emulator.pem' }
}

function Start-Emulator {
    param([string] $Scenario, [string] $TrafficDirectory, [string] $LogDirectory, [string] $RequestLog, [int] $Port = 0)
    New-Item -ItemType Directory -Force $LogDirectory | Out-Null
    # The request log survives the tests' DELETE requests; the emulator reads its path from the environment.
    if ($RequestLog -and (Test-Path $RequestLog)) { Remove-Item $RequestLog }
    if ($RequestLog) { $env:ASTRO_EMULATOR_REQUEST_LOG = $RequestLog } else { Remove-Item Env:ASTRO_EMULATOR_REQUEST_LOG -ErrorAction SilentlyContinue }
    $stdout = Join-Path $LogDirectory 'emulator.out.log'
    $stderr = Join-Path $LogDirectory 'emulator.err.log'
    $arguments = @((Get-EmulatorAssembly), '--scenario', $Scenario, '--port', "$Port", '--cert', $env:ASTRO_EMULATOR_CERT)
    if (-not $env:ASTRO_EMULATOR_CERT) { $arguments = $arguments[0..2] }
    if ($TrafficDirectory) { $arguments += @('--traffic', $TrafficDirectory) }
    $process = Start-Process -FilePath dotnet -ArgumentList $arguments -RedirectStandardOutput $stdout -RedirectStandardError $stderr -PassThru -NoNewWindow
    Remove-Item Env:ASTRO_EMULATOR_REQUEST_LOG -ErrorAction SilentlyContinue
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "The emulator exited with code $($process.ExitCode): $(Get-Content $stderr -Raw)" }
        $line = Get-Content $stdout -ErrorAction SilentlyContinue | Where-Object { $_ -match 'Emulator listening on (https://\S+)' } | Select-Object -First 1
        if ($line) { return [pscustomobject]@{ Process = $process; Url = $Matches[1] } }
        Start-Sleep -Milliseconds 200
    }
    Stop-Process -Id $process.Id -Force
    throw 'The emulator did not report its address within 60 seconds.'
}

function Stop-Emulator {
    param($Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        Stop-Process -Id $Emulator.Process.Id -Force
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
}

function Invoke-XunitTests {
    param([string] $TestOut)
    $trx = Join-Path $TestOut 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    & dotnet test (Join-Path $root 'tests/Astro.Network.Tests') -c $Configuration --no-build --nologo `
        --blame-hang-timeout 5m --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' 2>&1 | Tee-Object (Join-Path $TestOut 'xunit.console.log') | Out-Host
    # A test that hangs is aborted after 5 minutes (--blame-hang-timeout names it in xunit.console.log) and fails the row.
    if (-not (Test-Path $trx)) { return @{ Name = 'xunit'; Passed = 0; Failed = 1 } }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    @{ Name = 'xunit'; Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

function Get-PesterModulePath {
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $version = ([xml](Get-Content (Join-Path $root 'Directory.Packages.props') -Raw)).SelectSingleNode('//PesterVersion').InnerText
    Join-Path $packages.Trim() "pester/$version/tools/Pester.psd1"
}

function Invoke-PesterTests {
    param([string] $EmulatorUrl, [string] $TestOut)
    $summary = Join-Path $TestOut 'pester.json'
    if (Test-Path $summary) { Remove-Item $summary }
    $env:ASTRO_TEST_EMULATOR = $EmulatorUrl
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tests/Pester/Invoke-PesterTests.ps1') `
        -PesterPath (Get-PesterModulePath) -SummaryPath $summary 2>&1 | Tee-Object (Join-Path $TestOut 'pester.console.log') | Out-Host
    if (-not (Test-Path $summary)) { return @{ Name = 'Pester'; Passed = 0; Failed = 1 } }
    $result = Get-Content $summary -Raw | ConvertFrom-Json
    @{ Name = 'Pester'; Passed = [int]$result.Passed; Failed = [int]$result.Failed }
}

function Invoke-OavValidation {
    param([string] $TrafficDirectory, [string] $TestOut)
    if (-not (Test-Path $TrafficDirectory) -or -not (Get-ChildItem $TrafficDirectory -Filter *.json)) {
        Write-Host 'oav: no ARM traffic recorded'
        return @{ Name = 'oav'; Passed = 0; Failed = 0 }
    }
    $oav = Install-Oav
    $report = Join-Path $TestOut 'oav-report.json'
    $specs = Join-Path (Split-Path $root) 'shared/azure-specs/specification'
    & $oav validate-traffic $TrafficDirectory $specs --report '' --jsonReport $report -f (Join-Path $TestOut 'oav.log') 2> (Join-Path $TestOut 'oav.stderr.log') | Out-Null
    if (-not (Test-Path $report)) { Write-Host 'oav wrote no report'; return @{ Name = 'oav'; Passed = 0; Failed = 1 } }
    $result = Get-Content $report -Raw | ConvertFrom-Json
    # Known spec gaps (tests/Coverage/operations.psd1 SpecGaps: error code, exact message, optionally the operations)
    # are reported, not counted as violations.
    $known = (Import-PowerShellDataFile (Join-Path $root 'tests/Coverage/operations.psd1')).SpecGaps
    $gaps = @($result.errors | Where-Object { $e = $_; $known | Where-Object {
                $e.errorCode -eq $_.ErrorCode -and $e.errorMessage -ceq $_.Message -and (-not $_['OperationIds'] -or $e.operationId -cin $_['OperationIds']) } })
    $violations = @($result.errors | Where-Object { $_ -notin $gaps })
    $files = @(Get-ChildItem $TrafficDirectory -Filter *.json).Count
    Write-Host ("oav: {0} exchanges, {1} of {2} operations covered, {3} violations, {4} known spec gaps" -f `
        $files, $result.coveredOperations, $result.allOperations, $violations.Count, $gaps.Count)
    foreach ($g in $gaps | Group-Object operationId, errorMessage) { Write-Host "  spec gap: $($g.Group[0].operationId): $($g.Group[0].errorMessage) (x$($g.Count))" }
    foreach ($v in $violations) { Write-Host "  violation: $($v.operationId) $($v.errorCode) $($v.errorMessage) [$($v.issueSource)]" }
    # One check: every recorded exchange conforms to the saved specs.
    if ($violations.Count -eq 0) { return @{ Name = 'oav'; Passed = 1; Failed = 0 } }
    @{ Name = 'oav'; Passed = 0; Failed = 1 }
}

function Install-Oav {
    $prefix = Join-Path $out 'tools/oav'
    $bin = Join-Path $prefix 'node_modules/.bin/oav'
    if (-not (Test-Path $bin)) {
        New-Item -ItemType Directory -Force $prefix | Out-Null
        Invoke-Native npm install --prefix $prefix --no-audit --no-fund --loglevel=error 'oav@4.0.3' | Out-Host
    }
    $bin
}

# Every secret a scenario holds (as the emulator's EmulatorState.Secrets), labelled so a hit can be named without it.
function Get-ScenarioSecrets {
    foreach ($file in Get-ChildItem (Join-Path $root 'tests/Astro.Network.Emulator/Scenarios') -Filter *.json) {
        $scenario = Get-Content $file.FullName -Raw | ConvertFrom-Json -AsHashtable
        $astro = if ($scenario['astro']) { $scenario['astro'] } else { @{} }
        $azure = if ($scenario['azure']) { $scenario['azure'] } else { @{} }
        foreach ($org in @($astro['organizations']) | Where-Object { $_ }) {
            foreach ($token in @($org['tokens']) | Where-Object { $_ }) { @{ Label = "Astro token of $($org['id']) ($($file.Name))"; Value = $token['value'] } }
        }
        foreach ($tenant in @($azure['tenants']) | Where-Object { $_ }) {
            foreach ($app in @($tenant['apps']) | Where-Object { $_ }) { @{ Label = "client secret of $($app['displayName']) ($($file.Name))"; Value = $app['secret'] } }
        }
        if ($azure['managedIdentity']) { @{ Label = "identity header ($($file.Name))"; Value = $azure['managedIdentity']['identityHeader'] } }
    }
}

# Searches every artifact of the run for the scenarios' secrets and for JWT-shaped strings; names file, line and kind.
function Invoke-SecretSweep {
    param([string] $TestOut)
    $secrets = @(Get-ScenarioSecrets | Where-Object { $_.Value -and $_.Value.Length -ge 4 })
    $jwt = 'eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.'
    $files = @(Get-ChildItem $TestOut -Recurse -File)
    $hits = [System.Collections.Generic.List[string]]::new()
    if ($files) {
        foreach ($match in Select-String -LiteralPath $files.FullName -Pattern $jwt -CaseSensitive) {
            $hits.Add("$([System.IO.Path]::GetRelativePath($root, $match.Path)):$($match.LineNumber): a JWT")
        }
        foreach ($match in Select-String -LiteralPath $files.FullName -Pattern $secrets.Value -SimpleMatch) {
            foreach ($secret in $secrets | Where-Object { $match.Line.IndexOf($_.Value, [StringComparison]::OrdinalIgnoreCase) -ge 0 }) {
                $hits.Add("$([System.IO.Path]::GetRelativePath($root, $match.Path)):$($match.LineNumber): $($secret.Label)")
            }
        }
    }
    Write-Host ('secret sweep: {0} files, {1} secrets and JWTs searched for, {2} hits' -f $files.Count, ($secrets.Count + 1), $hits.Count)
    foreach ($hit in $hits | Select-Object -Unique) { Write-Host "  FAIL $hit" }
    if ($hits.Count -eq 0) { return @{ Name = 'secrets'; Passed = 1; Failed = 0 } }
    @{ Name = 'secrets'; Passed = 0; Failed = 1 }
}
