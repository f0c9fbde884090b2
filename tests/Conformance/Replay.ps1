# Sends a recorded request to the emulator (same path and body, the module's pinned api-version) and, when the answer
# starts a long-running operation, polls it the way ARM clients do: Azure-AsyncOperation first, else Location.

function New-ReplayClient {
    param([string] $EmulatorUrl, [string] $Tenant)
    $client = [System.Net.Http.HttpClient]::new([System.Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
    $client.BaseAddress = [uri]$EmulatorUrl
    $client.Timeout = [timespan]::FromSeconds(30)
    $tokens = @{}
    foreach ($audience in 'https://management.azure.com', 'https://graph.microsoft.com') {
        $fields = [System.Collections.Generic.Dictionary[string, string]]::new()
        $fields['grant_type'], $fields['client_id'], $fields['client_secret'], $fields['scope'] = 'client_credentials', $script:CallerApp.ClientId, $script:CallerApp.Secret, "$audience/.default"
        $form = [System.Net.Http.FormUrlEncodedContent]::new($fields)
        $answer = $client.PostAsync("$Tenant/oauth2/v2.0/token", $form).GetAwaiter().GetResult()
        $text = $answer.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $answer.IsSuccessStatusCode) { throw "token for ${audience}: $($answer.StatusCode) $text" }
        $tokens[$audience] = ($text | ConvertFrom-Json).access_token
    }
    [pscustomobject]@{ Http = $client; Tokens = $tokens }
}

function Send-EmulatorRequest {
    param($Client, [string] $Method, [string] $RelativeUrl, [string] $Body, [string] $Audience)
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $RelativeUrl.TrimStart('/'))
    $request.Headers.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Client.Tokens[$Audience])
    if ($Body) { $request.Content = [System.Net.Http.StringContent]::new($Body, [System.Text.Encoding]::UTF8, 'application/json') }
    $answer = $Client.Http.SendAsync($request).GetAwaiter().GetResult()
    $headers = @{}
    foreach ($h in @($answer.Headers) + @($answer.Content.Headers)) { $headers[$h.Key.ToLowerInvariant()] = @($h.Value)[0] }
    [pscustomobject]@{
        Status  = [int]$answer.StatusCode
        Headers = $headers
        Body    = $answer.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    }
}

# Replays one in-scope exchange; Polls = the emulator's poll answers in order (at most 20).
function Invoke-Replay {
    param($Client, $Operations, $Exchange)
    $graph = $Exchange.Host -eq 'graph.microsoft.com'
    $url = if ($graph) { 'graph' + $Exchange.Path + $Exchange.Query } else { $Exchange.Path + (Get-PinnedQuery $Operations $Exchange) }
    $audience = if ($graph) { 'https://graph.microsoft.com' } else { 'https://management.azure.com' }
    $answer = Send-EmulatorRequest $Client $Exchange.Method $url $Exchange.RequestBody $audience
    $polls = [System.Collections.Generic.List[object]]::new()
    $target = if ($answer.Status -lt 300) { $answer.Headers['azure-asyncoperation'] ?? $(if ($answer.Status -eq 202) { $answer.Headers['location'] }) }
    $kind = if ($answer.Headers['azure-asyncoperation']) { 'async' } else { 'location' }
    while ($target -and $polls.Count -lt 20) {
        $poll = Send-EmulatorRequest $Client 'GET' ([uri]$target).PathAndQuery $null $audience
        $poll | Add-Member Kind $kind
        $polls.Add($poll)
        $state = Get-PollState $poll
        if ($poll.Status -ge 400 -or $state -in 'Succeeded', 'Failed', 'Canceled' -or ($poll.Status -in 200, 204 -and -not $state)) {
            # Location protocol: the operation's end is the resource's answer, fetched once the status URL says done.
            if ($answer.Headers['azure-asyncoperation'] -and $answer.Headers['location'] -and $answer.Status -eq 202) {
                $final = Send-EmulatorRequest $Client 'GET' ([uri]$answer.Headers['location']).PathAndQuery $null $audience
                $polls.Add(($final | Add-Member Kind 'location' -PassThru))
            }
            break
        }
        if ($poll.Status -eq 202 -and $poll.Headers['location']) { $target = $poll.Headers['location'] }
    }
    [pscustomobject]@{ Answer = $answer; Polls = @($polls) }
}

# The state a poll answer reports: an operation's status, or the provisioningState of a resource polled directly.
function Get-PollState {
    param($Poll)
    $body = ConvertFrom-BodyJson $Poll.Body
    if ($body -isnot [hashtable]) { return $(if ($Poll.Status -eq 202) { 'InProgress' }) }
    $body['status'] ?? (Get-Field $body 'properties' 'provisioningState') ?? $(if ($Poll.Status -eq 202) { 'InProgress' })
}
