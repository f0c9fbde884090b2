# Reads recordings of live Azure traffic into one exchange shape, whatever the recorder:
# Azure CLI VCR YAML (interactions in the order sent) and Azure PowerShell SessionRecord JSON (grouped by URL; the
# Date response header restores the order). ../shared/azure-recordings/README.md section 1 describes both formats.
# Exchange: Index (as in the file), Method, Path (no host), Query, RequestBody, Status, Headers (lower-case name ->
# first value), ResponseBody (text).

function Import-YamlDotNet {
    if ('YamlDotNet.RepresentationModel.YamlStream' -as [type]) { return }
    $packages = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $version = ([xml](Get-Content (Join-Path $PSScriptRoot '../../Directory.Packages.props') -Raw)).SelectSingleNode('//YamlDotNetVersion').InnerText
    Add-Type -Path (Join-Path $packages "yamldotnet/$version/lib/net8.0/YamlDotNet.dll")
}

function Get-Recording {
    param([System.IO.FileInfo] $File)
    $exchanges = switch ($File.Extension) {
        '.yaml' { Read-VcrRecording $File.FullName }
        '.json' { Read-SessionRecord $File.FullName }
    }
    @($exchanges)
}

function Read-VcrRecording {
    param([string] $Path)
    Import-YamlDotNet
    # Plain dictionaries and lists: indexing them from PowerShell is fast, walking YamlDotNet's node model is not.
    $document = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([System.IO.File]::ReadAllText($Path))
    $i = 0
    foreach ($item in $document['interactions']) {
        $request, $response = $item['request'], $item['response']
        $headers = @{}
        foreach ($h in $response['headers'].GetEnumerator()) { $headers[([string]$h.Key).ToLowerInvariant()] = [string]@($h.Value)[0] }
        New-Exchange -Index ($i++) -Method $request['method'] -Url $request['uri'] -RequestBody $request['body'] `
            -Status ([int]$response['status']['code']) -Headers $headers -ResponseBody $response['body']['string']
    }
}

function Read-SessionRecord {
    param([string] $Path)
    $record = Get-Content $Path -Raw | ConvertFrom-Json -AsHashtable
    $i = 0
    $entries = foreach ($entry in $record.Entries) {
        $headers = @{}
        foreach ($h in $entry.ResponseHeaders.GetEnumerator()) { $headers[$h.Key.ToLowerInvariant()] = [string]@($h.Value)[0] }
        New-Exchange -Index ($i++) -Method $entry.RequestMethod -Url ('https://management.azure.com' + $entry.RequestUri) `
            -RequestBody $entry.RequestBody -Status ([int]$entry.StatusCode) -Headers $headers -ResponseBody $entry.ResponseBody
    }
    # Stable sort: same-second entries keep their grouped order.
    @($entries | Sort-Object -Stable { [DateTimeOffset]::Parse($_.Headers['date']) })
}

function New-Exchange {
    param([int] $Index, [string] $Method, [string] $Url, [string] $RequestBody, [int] $Status, [hashtable] $Headers, [string] $ResponseBody)
    $uri = [uri]$Url
    [pscustomobject]@{
        Index        = $Index
        Host         = $uri.Host
        Method       = $Method.ToUpperInvariant()
        Path         = $uri.AbsolutePath
        Query        = $uri.Query
        RequestBody  = if ([string]::IsNullOrWhiteSpace($RequestBody)) { $null } else { $RequestBody }
        Status       = $Status
        Headers      = $Headers
        ResponseBody = $ResponseBody
    }
}

# Parsed JSON of a body as hashtables, $null for an empty or non-JSON body.
function ConvertFrom-BodyJson {
    param([string] $Text)
    if ([string]::IsNullOrWhiteSpace($Text)) { return $null }
    try { , ($Text | ConvertFrom-Json -AsHashtable -Depth 100) } catch { $null }
}

# The value at a chain of keys through nested hashtables, $null wherever a step is missing.
function Get-Field {
    param($Node)
    foreach ($key in $args) {
        if ($Node -isnot [hashtable]) { return $null }
        $Node = $Node[$key]
    }
    $Node
}
