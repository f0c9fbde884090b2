# Stand-in for Az.Accounts. Connect-AzAccount keeps a service principal in memory; Get-AzAccessToken gets a real
# emulator token with it (client credentials at ASTRO_AZURE_AUTHORITY_HOST) and returns it the way Az does:
# a SecureString Token as Az.Accounts 5+ does, or text as older versions do (Set-AzStandIn -TokenType String).
$script:Context = $null
$script:Secret = $null
$script:TokenType = 'SecureString'
$script:Log = [System.Collections.Generic.List[object]]::new()

function Connect-AzAccount {
    [CmdletBinding()]
    param(
        [switch] $ServicePrincipal,
        [Parameter(Mandatory)] [string] $Tenant,
        [Parameter(Mandatory)] [pscredential] $Credential,
        [string] $Subscription,
        [string] $SubscriptionName = 'stand-in subscription'
    )
    $script:Secret = $Credential.Password
    $script:Context = [pscustomobject]@{
        PSTypeName   = 'Microsoft.Azure.Commands.Profile.Models.Core.PSAzureContext'
        Name         = "$Subscription - $($Credential.UserName)"
        Account      = [pscustomobject]@{ Id = $Credential.UserName; Type = 'ServicePrincipal' }
        Tenant       = [pscustomobject]@{ Id = $Tenant }
        Subscription = if ($Subscription) { [pscustomobject]@{ Id = $Subscription; Name = $SubscriptionName } } else { $null }
        Environment  = [pscustomobject]@{ Name = 'AzureCloud' }
    }
    $script:Context
}

function Disconnect-AzAccount {
    [CmdletBinding()]
    param()
    $script:Context = $null
    $script:Secret = $null
}

function Get-AzContext {
    [CmdletBinding()]
    param()
    $script:Context
}

function Get-AzAccessToken {
    [CmdletBinding()]
    param(
        [string] $ResourceUrl = 'https://management.azure.com/',
        [string] $TenantId,
        [switch] $AsSecureString
    )
    if (-not $script:Context) { throw 'Run Connect-AzAccount to login.' }
    $tenant = if ($TenantId) { $TenantId } else { $script:Context.Tenant.Id }
    $authority = $env:ASTRO_AZURE_AUTHORITY_HOST.TrimEnd('/')
    $body = @{
        grant_type    = 'client_credentials'
        client_id     = $script:Context.Account.Id
        client_secret = [System.Net.NetworkCredential]::new('', $script:Secret).Password
        scope         = $ResourceUrl.TrimEnd('/') + '/.default'
    }
    $response = Invoke-RestMethod -Method Post -Uri "$authority/$tenant/oauth2/v2.0/token" -Body $body -ContentType 'application/x-www-form-urlencoded'
    $script:Log.Add([pscustomobject]@{ ResourceUrl = $ResourceUrl; TenantId = $TenantId; AsSecureString = [bool]$AsSecureString; Token = $response.access_token })
    $token = if ($script:TokenType -eq 'String') { $response.access_token } else { ConvertTo-SecureString $response.access_token -AsPlainText -Force }
    [pscustomobject]@{
        PSTypeName = 'Microsoft.Azure.Commands.Profile.Models.PSSecureAccessToken'
        Token      = $token
        ExpiresOn  = [DateTimeOffset]::UtcNow.AddSeconds([int]$response.expires_in)
        TenantId   = $tenant
        UserId     = $script:Context.Account.Id
        Type       = 'Bearer'
    }
}

# Test controls, not part of Az.
function Set-AzStandIn {
    param([ValidateSet('SecureString', 'String')] [string] $TokenType = 'SecureString')
    $script:TokenType = $TokenType
    $script:Log.Clear()
}

function Get-AzStandInLog { $script:Log.ToArray() }
