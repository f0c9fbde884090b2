# Keeps the emulator's resources in step with the recording. Before each exchange, every resource its recorded answer
# shows (the body, or the items of a list) is written to the emulator as shown, at rest (Set-AtRest), unless the
# emulator owns it: an in-scope write touched it (or its parent), from then on only the replay changes it. In-scope
# exchanges seed only what the emulator does not hold yet: the recording's first reads. So the recording client's own
# writes (creating the fixtures, updating subnets) land without being replayed, and nothing is hand-seeded.

function New-StateSync {
    param([System.Net.Http.HttpClient] $Control)
    [pscustomobject]@{
        Control = $Control
        Present = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        Owned   = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        Bodies  = [System.Collections.Generic.Dictionary[string, object]]::new([StringComparer]::OrdinalIgnoreCase)
    }
}

function Sync-RecordedState {
    param($Sync, $Exchange)
    if ($Exchange.Host -ne 'management.azure.com' -or $Exchange.Status -notin 200, 201 -or $Exchange.Method -eq 'DELETE') { return }
    $inScope = $Exchange.Scope -eq 'in-scope'
    if ($inScope -and $Exchange.Method -ne 'GET') { return }
    foreach ($view in Get-ResourceViews (ConvertFrom-BodyJson $Exchange.ResponseBody)) {
        $id = $view['id']
        if (@(Get-TouchedResourceIds $id | Where-Object { $Sync.Owned.Contains($_) }).Count) { continue }
        if ($inScope -and $Sync.Present.Contains($id)) { continue }
        $body = Set-AtRest $view
        # A child its parent lists under properties.{child type} (private endpoint connections, security rules,
        # peerings) lives in the parent's body, as Azure and the emulator keep it.
        $segments = $id.Trim('/') -split '/'
        $parent = '/' + ($segments[0..($segments.Count - 3)] -join '/')
        $list = $segments[-2]
        if ($Sync.Bodies.ContainsKey($parent) -and $Sync.Bodies[$parent]['properties'] -is [hashtable]) {
            $properties = $Sync.Bodies[$parent]['properties']
            $properties[$list] = @(@($properties[$list]) | Where-Object { $_ -is [hashtable] -and "$($_['name'])" -ne $view['name'] }) + @($body)
            $id, $body = $parent, $Sync.Bodies[$parent]
        }
        $seed = @{ id = $id; body = $body } | ConvertTo-Json -Depth 100 -Compress
        $answer = $Sync.Control.PostAsync('_emulator/resources', [System.Net.Http.StringContent]::new($seed, [System.Text.Encoding]::UTF8, 'application/json')).GetAwaiter().GetResult()
        if ($answer.IsSuccessStatusCode) { [void]$Sync.Present.Add($view['id']); $Sync.Bodies[$id] = $body }
    }
}

# After an in-scope write, the emulator owns what it touched.
function Add-OwnedResources {
    param($Sync, $Exchange)
    if ($Exchange.Method -eq 'GET' -or $Exchange.Host -ne 'management.azure.com') { return }
    foreach ($id in Get-TouchedResourceIds $Exchange.Path) { [void]$Sync.Owned.Add($id); [void]$Sync.Present.Add($id) }
}

# Resource bodies in an answer: the body itself or the items of its value list, when they are resource-group resources.
function Get-ResourceViews {
    param($Body)
    if ($Body -isnot [hashtable]) { return }
    $items = if ($Body['value'] -is [System.Collections.IList]) { @($Body['value']) } else { @($Body) }
    foreach ($item in $items) {
        if ($item -is [hashtable] -and $item['id'] -is [string] -and $item['id'] -match '^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/') { $item }
    }
}
