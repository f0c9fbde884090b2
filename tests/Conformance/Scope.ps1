# Which recorded exchanges the conformance suite compares. An exchange is in scope when it names an operation of the
# module (tests/Coverage/operations.psd1, resolved through the saved specs at the module's pinned api-version, or a
# Graph route); the rest are the recording client's business. Named rules, never a hand-made list:
#   lro-poll       a GET of an Azure-AsyncOperation/Location URL an earlier exchange returned: part of that exchange;
#                  also a GET of a resource an out-of-scope PUT created while its last answer showed a provisioningState
#                  that is not terminal (ARM RPC: without operation headers a client polls the resource): the recording
#                  client waiting for its own fixture (e.g. Key Vault RegisteringDns, Event Hubs Creating)
#   version-probe  a GET of the path the previous in-scope exchange read, at another api-version (az reads ACR twice)
#   out-of-scope   no operation of the module (the client's provider reads, creates of the fixtures, other types)

. (Join-Path $PSScriptRoot '../Coverage/SpecOperations.ps1')

function Get-ModuleOperations {
    param([string] $SpecRoot)
    $catalogue = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../Coverage/operations.psd1')
    $pinned = @{}
    $declared = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    $templates = foreach ($group in $catalogue.Arm.GetEnumerator()) {
        $provider, $version = $group.Key -split '/', 2
        # A provider can have several pinned versions (Microsoft.Network: 2024-01-01, private DNS 2020-06-01).
        $pinned[$provider] = @(@($pinned[$provider]) + $version | Where-Object { $_ } | Select-Object -Unique)
        foreach ($item in $group.Value) {
            $id = if ($item -is [hashtable]) { $item.OperationId } else { $item }
            [void]$declared.Add("$provider|$version|$id")
            if ($item -is [hashtable]) {
                New-OperationMatcher $item.Template @() ([pscustomobject]@{ ApiVersion = $version; Provider = $provider; Method = $item.Method; OperationId = $id })
            }
        }
    }
    $index = Get-SpecOperationIndex -SpecRoot $SpecRoot -ApiVersions @($pinned.Values | ForEach-Object { $_ } | Sort-Object -Unique)
    foreach ($t in $templates) { Add-OperationMatcher $index $t }
    $graph = foreach ($route in $catalogue.Graph) {
        $method, $template = $route -split ' ', 2
        $pattern = ([regex]::Split($template, '\{[^}]+\}') | ForEach-Object { [regex]::Escape($_) }) -join "[^/']+"
        [pscustomobject]@{ Route = $route; Regex = [regex]::new("^$method /$pattern/?$", 'IgnoreCase') }
    }
    [pscustomobject]@{ Index = $index; Pinned = $pinned; Declared = $declared; Graph = @($graph) }
}

# The provider namespace a path belongs to, as ARM routes it: the last /providers/{ns} segment.
function Get-PathProvider {
    param([string] $Path)
    $providers = [regex]::Matches($Path, '/providers/([^/]+)', 'IgnoreCase')
    if ($providers.Count) { $providers[$providers.Count - 1].Groups[1].Value } else { 'Microsoft.Resources' }
}

# The query with api-version replaced by the module's pinned one for the path's provider (other parameters kept); where the
# provider has several, the one whose saved spec knows the path.
function Get-PinnedQuery {
    param($Operations, $Exchange)
    $query = [System.Web.HttpUtility]::ParseQueryString($Exchange.Query)
    $provider = Get-PathProvider $Exchange.Path
    $versions = @($Operations.Pinned[$provider])
    if ($versions.Count -and $versions[0] -and $query['api-version']) {
        $chosen = $versions[0]
        if ($versions.Count -gt 1) {
            foreach ($version in $versions) {
                $query['api-version'] = $version
                if (Resolve-ArmOperation $Operations.Index $Exchange.Method ('https://management.azure.com' + $Exchange.Path + '?' + $query.ToString())) { $chosen = $version; break }
            }
        }
        $query['api-version'] = $chosen
    }
    $text = $query.ToString()
    if ($text) { '?' + $text } else { '' }
}

# Adds Scope (in-scope | lro-poll | version-probe | out-of-scope), Operation and Owner (the exchange a poll belongs to).
function Add-ExchangeScope {
    param($Operations, $Exchanges)
    $pollUrls = @{}
    $creating = @{}   # resource path -> the out-of-scope PUT still provisioning it
    $previous = $null
    foreach ($x in $Exchanges) {
        $x | Add-Member -NotePropertyMembers @{ Scope = 'out-of-scope'; Operation = $null; Owner = $null } -Force
        $key = ($x.Host + $x.Path).ToLowerInvariant()
        if ($x.Method -eq 'GET' -and $pollUrls.ContainsKey($key)) {
            $x.Scope, $x.Owner = 'lro-poll', $pollUrls[$key]
            continue
        }
        $state = if ($x.Status -lt 300) { Get-Field (ConvertFrom-BodyJson $x.ResponseBody) 'properties' 'provisioningState' }
        $settling = $state -and $state -notin $script:TerminalStates
        if ($x.Method -eq 'GET' -and $creating.ContainsKey($key)) {
            $x.Scope, $x.Owner = 'lro-poll', $creating[$key]
            if (-not $settling) { $creating.Remove($key) }
            continue
        }
        $creating.Remove($key)
        $x.Operation = Resolve-ModuleOperation $Operations $x
        if ($x.Method -eq 'PUT' -and -not $x.Operation -and $settling -and -not $x.Headers['azure-asyncoperation'] -and -not $x.Headers['location']) { $creating[$key] = $x }
        if ($x.Operation) {
            $probe = $previous -and $x.Method -eq 'GET' -and $previous.Method -eq 'GET' -and $previous.Path -eq $x.Path -and $previous.Query -ne $x.Query
            $x.Scope = if ($probe) { 'version-probe' } else { 'in-scope' }
            $previous = $x
        }
        foreach ($name in 'azure-asyncoperation', 'location') {
            if ($x.Headers[$name] -and $x.Status -lt 300) {
                $target = [uri]::new([uri]"https://$($x.Host)", $x.Headers[$name])
                $pollUrls[($target.Host + $target.AbsolutePath).ToLowerInvariant()] = $x
            }
        }
    }
}

function Resolve-ModuleOperation {
    param($Operations, $Exchange)
    if ($Exchange.Host -eq 'graph.microsoft.com') {
        $call = '{0} {1}' -f $Exchange.Method, $Exchange.Path
        $route = $Operations.Graph | Where-Object { $_.Regex.IsMatch($call) } | Select-Object -First 1
        return $(if ($route) { "Graph $($route.Route)" })
    }
    $url = 'https://management.azure.com' + $Exchange.Path + (Get-PinnedQuery $Operations $Exchange)
    $operation = Resolve-ArmOperation $Operations.Index $Exchange.Method $url
    if (-not $operation) { return $null }
    $key = '{0}|{1}|{2}' -f $operation.Provider, $operation.ApiVersion, $operation.OperationId
    if ($Operations.Declared.Contains($key)) { '{0}/{1}' -f $operation.Provider, $operation.OperationId }
}
