# Maps recorded ARM exchanges to (operationId, api-version) through the saved swagger path templates.
# oav's report names only the operations it matched and silently skips a request at an api-version or path no saved
# spec has, so an undeclared call would hide there; this matcher names every exchange, matched or not.

function Get-SpecOperationIndex {
    param([string] $SpecRoot, [string[]] $ApiVersions)
    $index = @{}   # "provider|api-version|METHOD" -> matchers
    $all = Get-ChildItem $SpecRoot -Recurse -Filter *.json | Where-Object { $_.FullName -notmatch '[\\/]examples[\\/]' }
    $shared = Get-MultiSegmentParameters ($all | Where-Object FullName -Match 'common-types')
    foreach ($file in $all | Where-Object { $_.Directory.Name -in $ApiVersions }) {
        $multi = @($shared) + @(Get-MultiSegmentParameters (Get-ChildItem $file.Directory -Filter *.json))
        $doc = [System.Text.Json.JsonDocument]::Parse([System.IO.File]::ReadAllText($file.FullName))
        $provider = [regex]::Match($file.FullName, '[\\/](Microsoft\.\w+)[\\/]').Groups[1].Value
        foreach ($section in 'paths', 'x-ms-paths') {
            $paths = [System.Text.Json.JsonElement]::new()
            if (-not $doc.RootElement.TryGetProperty($section, [ref]$paths)) { continue }
            foreach ($path in $paths.EnumerateObject()) {
                foreach ($method in $path.Value.EnumerateObject()) {
                    $id = [System.Text.Json.JsonElement]::new()
                    if ($method.Value.ValueKind -ne 'Object' -or -not $method.Value.TryGetProperty('operationId', [ref]$id)) { continue }
                    Add-OperationMatcher $index (New-OperationMatcher $path.Name $multi ([pscustomobject]@{
                                ApiVersion  = $file.Directory.Name
                                Provider    = $provider
                                Method      = $method.Name.ToUpperInvariant()
                                OperationId = $id.GetString()
                                Spec        = $file.FullName
                            }))
                }
            }
        }
        $doc.Dispose()
    }
    $index
}

# Names of path parameters marked x-ms-skip-url-encoding in the given files (a spec's folder, the common types).
function Get-MultiSegmentParameters {
    param($Files)
    $names = foreach ($file in $Files) {
        $text = [System.IO.File]::ReadAllText($file.FullName)
        foreach ($m in [regex]::Matches($text, '\{[^{}]*"x-ms-skip-url-encoding"\s*:\s*true[^{}]*\}')) {
            if ($m.Value -match '"in"\s*:\s*"path"' -and $m.Value -match '"name"\s*:\s*"([^"]+)"') { $Matches[1] }
        }
    }
    @($names | Sort-Object -Unique)
}

function Add-OperationMatcher {
    param([hashtable] $Index, $Matcher)
    $key = '{0}|{1}|{2}' -f $Matcher.Provider, $Matcher.ApiVersion, $Matcher.Method
    if (-not $Index.ContainsKey($key)) { $Index[$key] = [System.Collections.Generic.List[object]]::new() }
    $Index[$key].Add($Matcher)
}

# A path parameter marked x-ms-skip-url-encoding (a scope, a parent resource path) or leading the template (as oav
# treats it) spans any number of segments, none included; any other parameter is exactly one segment.
function New-OperationMatcher {
    param([string] $Template, [string[]] $MultiSegment, $Operation)
    $segments = ($Template -split '\?')[0].Trim('/') -split '/'
    $pattern = [System.Text.StringBuilder]::new('^')
    $literals = 0
    for ($i = 0; $i -lt $segments.Count; $i++) {
        $segment = $segments[$i]
        if ($segment.StartsWith('{') -and $segment.EndsWith('}') -and ($i -eq 0 -or $MultiSegment -contains $segment.Trim('{', '}'))) {
            [void]$pattern.Append('(?:/[^?]+?)?')
            continue
        }
        if (-not $segment.Contains('{')) { $literals++ }
        [void]$pattern.Append('/').Append([regex]::Replace([regex]::Escape($segment), '\\\{[^/]*?}', '[^/]+'))
    }
    [pscustomobject]@{
        Provider    = $Operation.Provider
        ApiVersion  = $Operation.ApiVersion
        Method      = $Operation.Method
        OperationId = $Operation.OperationId
        Template    = $Template
        Regex       = [regex]::new($pattern.Append('/?$').ToString(), 'IgnoreCase, CultureInvariant')
        Literals    = $literals
    }
}

# The operation a request names: as oav buckets them, same provider namespace (the last one in the path) and
# api-version; then same method, the template matches, the most literal segments win (RoleAssignments_Get over
# RoleAssignments_GetById, which is one bare {roleAssignmentId}).
function Resolve-ArmOperation {
    param($Index, [string] $Method, [string] $Url)
    $uri = [uri]$Url
    $apiVersion = [System.Web.HttpUtility]::ParseQueryString($uri.Query)['api-version']
    $path = [uri]::UnescapeDataString($uri.AbsolutePath)
    $providers = [regex]::Matches($path, '/providers/([^/]+)', 'IgnoreCase')
    $provider = if ($providers.Count) { $providers[$providers.Count - 1].Groups[1].Value } else { 'Microsoft.Resources' }
    $best = $null
    foreach ($candidate in $Index['{0}|{1}|{2}' -f $provider, $apiVersion, $Method.ToUpperInvariant()]) {
        if ($candidate.Regex.IsMatch($path) -and (-not $best -or $candidate.Literals -gt $best.Literals)) { $best = $candidate }
    }
    $best
}

function Get-RecordedArmExchanges {
    param([string] $TrafficDirectory)
    foreach ($file in Get-ChildItem $TrafficDirectory -Filter *.json | Sort-Object Name) {
        $doc = [System.Text.Json.JsonDocument]::Parse([System.IO.File]::ReadAllText($file.FullName))
        $request = $doc.RootElement.GetProperty('liveRequest')
        $agent = [System.Text.Json.JsonElement]::new()
        $hasAgent = $request.GetProperty('headers').TryGetProperty('User-Agent', [ref]$agent)
        $url = $request.GetProperty('url').GetString()
        [pscustomobject]@{
            File       = $file.Name
            Method     = $request.GetProperty('method').GetString()
            Url        = $url
            ApiVersion = [System.Web.HttpUtility]::ParseQueryString(([uri]$url).Query)['api-version']
            UserAgent  = if ($hasAgent) { $agent.GetString() } else { $null }
        }
        $doc.Dispose()
    }
}
