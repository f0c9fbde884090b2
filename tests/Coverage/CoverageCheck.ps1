# The coverage table: every operation in tests/Coverage/operations.psd1 versus the recorded traffic and oav's report.
# One check, failed by: an exchange of the module the catalogue does not declare, a declared operation no test
# exercised, one oav never validated (unless its spec is not saved or operations.psd1 says why oav cannot match it),
# an entry naming no saved operation, api-versions out of step with the engine's ApiVersions.cs, and the same both ways
# for Graph routes.

. (Join-Path $PSScriptRoot 'SpecOperations.ps1')

function Invoke-CoverageCheck {
    param([string] $TrafficDirectory, [string] $OavReport, [string] $RequestLog)
    $catalogue = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'operations.psd1')
    $problems = [System.Collections.Generic.List[string]]::new()
    $declared = @(Get-DeclaredArmOperations $catalogue)
    Test-PinnedApiVersions $declared $problems

    $recorded = @(if (Test-Path $TrafficDirectory) { Get-RecordedArmExchanges $TrafficDirectory })
    $exchanges = @($recorded | Where-Object { Test-ModuleCall $_.UserAgent })
    $versions = @($declared.ApiVersion) + @($exchanges.ApiVersion) | Where-Object { $_ } | Sort-Object -Unique
    $index = Get-SpecOperationIndex -SpecRoot (Join-Path (Split-Path $root) 'shared/azure-specs/specification') -ApiVersions $versions
    $saved = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    foreach ($list in $index.Values) { foreach ($m in $list) { [void]$saved.Add(('{0}|{1}|{2}' -f $m.Provider, $m.ApiVersion, $m.OperationId)) } }
    foreach ($entry in $declared) {
        if ($entry.Template) { Add-OperationMatcher $index (New-OperationMatcher $entry.Template @() $entry) }
        elseif (-not $saved.Contains($entry.Key)) { $problems.Add("not in the saved specs: $($entry.Provider) $($entry.ApiVersion) $($entry.OperationId)") }
    }
    $keys = [System.Collections.Generic.HashSet[string]]::new([string[]]$declared.Key, [StringComparer]::OrdinalIgnoreCase)

    $byOperation = @{}
    foreach ($exchange in $exchanges) {
        $operation = Resolve-ArmOperation $index $exchange.Method $exchange.Url
        $name = if ($operation) { '{0}|{1}|{2}' -f $operation.Provider, $operation.ApiVersion, $operation.OperationId } else { "(no operation) $($exchange.Method) $($exchange.Url -replace '^https://[^/]+', '')" }
        $byOperation[$name] = 1 + [int]$byOperation[$name]
        if (-not $operation -or -not $keys.Contains($name)) {
            $problems.Add("undeclared operation: $name ($($exchange.File))")
        }
    }
    $validated = Get-OavValidatedOperations $OavReport

    Write-Host ('coverage: {0} declared ARM operations; {1} exchanges by the module, {2} by the tests themselves (not counted)' -f `
            $declared.Count, $exchanges.Count, ($recorded.Count - $exchanges.Count))
    Write-Host ('  {0,-28} {1,-12} {2,-52} {3,9} {4}' -f 'provider', 'api-version', 'operationId', 'exercised', 'validated by oav')
    foreach ($entry in $declared | Sort-Object Provider, OperationId) {
        $count = [int]$byOperation[$entry.Key]
        $oav = if ($entry.Template) { 'no saved spec' } elseif ($validated.Contains($entry.Key)) { 'yes' }
        elseif ($catalogue.OavCannotMatch["$($entry.Provider)/$($entry.ApiVersion)/$($entry.OperationId)"]) { 'oav cannot match (operations.psd1)' } else { 'no' }
        Write-Host ('  {0,-28} {1,-12} {2,-52} {3,9} {4}' -f $entry.Provider, $entry.ApiVersion, $entry.OperationId, $count, $oav)
        if ($count -eq 0) { $problems.Add("unexercised operation: $($entry.Provider) $($entry.ApiVersion) $($entry.OperationId)") }
        elseif ($oav -eq 'no') { $problems.Add("not validated by oav: $($entry.Provider) $($entry.ApiVersion) $($entry.OperationId)") }
    }
    Test-GraphCoverage $catalogue.Graph $RequestLog $problems

    # The same problem from many exchanges is one line, with how often and the first file.
    foreach ($group in $problems | Group-Object { $_ -replace ' \([^)]*\.json\)$', '' }) {
        $times = if ($group.Count -gt 1) { " (x$($group.Count))" } else { '' }
        Write-Host "  FAIL $($group.Group[0])$times"
    }
    if ($problems.Count -eq 0) { return @{ Name = 'coverage'; Passed = 1; Failed = 0 } }
    @{ Name = 'coverage'; Passed = 0; Failed = 1 }
}

# The module names itself in User-Agent (Rest/PipelineFactory.cs); the tests' own checks and az do not. An exchange
# recorded without one counts as the module's, so an emulator that does not record it makes the check stricter.
function Test-ModuleCall {
    param([string] $UserAgent)
    -not $UserAgent -or $UserAgent.StartsWith('Astro.Network/')
}

# operations.psd1 Arm: 'Provider/api-version' = operationIds (saved specs) or @{ OperationId; Method; Template } (no saved spec).
function Get-DeclaredArmOperations {
    param([hashtable] $Catalogue)
    foreach ($group in $Catalogue.Arm.GetEnumerator()) {
        $provider, $apiVersion = $group.Key -split '/', 2
        foreach ($item in $group.Value) {
            $template = if ($item -is [hashtable]) { $item } else { @{ OperationId = $item } }
            [pscustomobject]@{
                Provider    = $provider
                ApiVersion  = $apiVersion
                OperationId = $template.OperationId
                Method      = $template['Method']
                Template    = $template['Template']
                Key         = '{0}|{1}|{2}' -f $provider, $apiVersion, $template.OperationId
            }
        }
    }
}

# Every api-version the engine pins is declared, and nothing is declared at a version the engine does not pin.
function Test-PinnedApiVersions {
    param($Declared, $Problems)
    $source = Get-Content (Join-Path $root 'src/Astro.Network.Engine/ApiVersions.cs') -Raw
    $pinned = @([regex]::Matches($source, 'const string \w+ = "([^"]+)"') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
    $used = @($Declared.ApiVersion | Sort-Object -Unique)
    foreach ($v in $pinned | Where-Object { $_ -notin $used }) { $Problems.Add("ApiVersions.cs pins $v but the catalogue declares no operation at it") }
    foreach ($v in $used | Where-Object { $_ -notin $pinned }) { $Problems.Add("the catalogue declares $v, which ApiVersions.cs does not pin") }
}

# oav names the operations it matched per spec file (passed, or with errors); the spec path carries provider and version.
# Once an operationId has errors in one spec, oav leaves it out of every spec's passed list (seen with Sql's and
# PostgreSQL's FirewallRules_ListByServer), so a violation elsewhere can show here as "not validated".
function Get-OavValidatedOperations {
    param([string] $OavReport)
    $set = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    if (-not (Test-Path $OavReport)) { return , $set }
    $report = Get-Content $OavReport -Raw | ConvertFrom-Json
    $entries = @($report.passedOperationsList | ForEach-Object { $spec = $_.spec; $_.operationIds | ForEach-Object { @{ Spec = $spec; Id = $_ } } }) +
        @($report.errors | Where-Object operationId | ForEach-Object { @{ Spec = $_.spec; Id = $_.operationId } })
    foreach ($e in $entries) {
        $provider = [regex]::Match($e.Spec, '[\\/](Microsoft\.\w+)[\\/]').Groups[1].Value
        $version = Split-Path (Split-Path $e.Spec) -Leaf
        [void]$set.Add(('{0}|{1}|{2}' -f $provider, $version, $e.Id))
    }
    , $set
}

# Graph has no saved swagger: routes (method + path template under the Graph root) from the emulator's request log.
function Test-GraphCoverage {
    param([string[]] $Declared, [string] $RequestLog, $Problems)
    if (-not (Test-Path $RequestLog)) {
        $Problems.Add("no emulator request log at ${RequestLog}: Graph coverage cannot be checked")
        return
    }
    $calls = @(Get-Content $RequestLog | ForEach-Object { $_ | ConvertFrom-Json } |
            Where-Object { $_.service -eq 'graph' -and (Test-ModuleCall $_.PSObject.Properties['userAgent']?.Value) } |
            ForEach-Object { '{0} {1}' -f $_.method, (($_.url -split '\?')[0] -replace '^/graph/', '') })
    $routes = $Declared | ForEach-Object {
        $method, $template = $_ -split ' ', 2
        $pattern = ([regex]::Split($template, '\{[^}]+\}') | ForEach-Object { [regex]::Escape($_) }) -join "[^/']+"
        [pscustomobject]@{ Route = $_; Regex = [regex]::new("^$method $pattern/?$", 'IgnoreCase') }
    }
    $counts = @{}
    foreach ($call in $calls) {
        $route = $routes | Where-Object { $_.Regex.IsMatch($call) } | Select-Object -First 1
        if ($route) { $counts[$route.Route] = 1 + [int]$counts[$route.Route] } else { $Problems.Add("undeclared Graph call: $call") }
    }
    Write-Host ('  {0,-93} {1,9}' -f 'Graph route', 'exercised')
    foreach ($route in $routes) {
        Write-Host ('  {0,-93} {1,9}' -f $route.Route, [int]$counts[$route.Route])
        if (-not $counts[$route.Route]) { $Problems.Add("unexercised Graph route: $($route.Route)") }
    }
}
