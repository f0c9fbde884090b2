# Issue 13 item 6: the sign-in sources admins run with, through Connect-AstroAzure against the emulator, and the rule
# that the ASTRO_AZURE_* endpoint variables count only with an explicit -Environment Custom (announced by a warning).
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $tenant = $scenario.azure.tenants[0]
    $emulator = Get-EmulatorUrl
    $custom = @{ Environment = 'Custom'; ResourceManagerUrl = $emulator; GraphUrl = "${emulator}graph/"; AuthorityHost = $emulator }
    $variables = 'ASTRO_AZURE_ENVIRONMENT', 'ASTRO_AZURE_ARM_URL', 'ASTRO_AZURE_GRAPH_URL', 'ASTRO_AZURE_AUTHORITY_HOST', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER',
        'AZURE_POD_IDENTITY_AUTHORITY_HOST', 'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID'

    function Set-EmulatorEndpointVariable {
        $env:ASTRO_AZURE_ARM_URL = $emulator; $env:ASTRO_AZURE_GRAPH_URL = "${emulator}graph/"; $env:ASTRO_AZURE_AUTHORITY_HOST = $emulator
    }

    # An external issuer's token as AKS or GitHub Actions writes it to AZURE_FEDERATED_TOKEN_FILE (the emulator checks claims, not the signature).
    function New-FederatedToken([string] $Issuer, [string] $Subject) {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $part = { param($o) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(($o | ConvertTo-Json -Compress))).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        (& $part @{ alg = 'RS256'; typ = 'JWT' }) + '.' + (& $part @{ iss = $Issuer; sub = $Subject; aud = 'api://AzureADTokenExchange'; nbf = $now; exp = $now + 600 }) + '.c2lnbmF0dXJl'
    }
}

Describe 'Sign-in sources and endpoint overrides' {
    BeforeEach {
        Reset-Emulator
        Disconnect-AstroAzure
    }

    AfterEach {
        Disconnect-AstroAzure
        foreach ($name in $variables) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue }
        Reset-Emulator
    }

    It 'refuses the endpoint variables without -Environment Custom, before any request' {
        Set-EmulatorEndpointVariable
        Clear-EmulatorRequest
        $err = { Connect-AstroAzure -Identity } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'AzureEnvironmentOverrideRefused,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$err" | Should -Match 'ASTRO_AZURE_ARM_URL.*-Environment Custom'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }

    It 'uses the endpoint variables with -Environment Custom and warns that tokens go to a custom cloud' {
        Set-EmulatorEndpointVariable
        $env:IDENTITY_ENDPOINT = "${emulator}msi/token"; $env:IDENTITY_HEADER = $scenario.azure.managedIdentity.identityHeader
        $context = Connect-AstroAzure -Identity -Environment Custom -WarningVariable warnings -WarningAction SilentlyContinue
        $context.Environment | Should -Be 'Custom'
        $context.ResourceManagerUrl | Should -Be $emulator
        ($warnings -join "`n") | Should -Match ('custom Azure cloud.*' + [regex]::Escape($emulator))
    }

    It 'signs in through IMDS where no IDENTITY_ENDPOINT is set (VMs, Arc, Hybrid Runbook Workers)' {
        $env:AZURE_POD_IDENTITY_AUTHORITY_HOST = $emulator.TrimEnd('/')
        $clientId = $scenario.azure.managedIdentity.userAssigned[1].clientId
        $context = Connect-AstroAzure -Identity -ClientId $clientId @custom -WarningVariable warnings -WarningAction SilentlyContinue
        $context.Account | Should -Be $clientId
        @(Get-EmulatorRequest | Where-Object { $_.url -like "/metadata/identity/oauth2/token?*client_id=$clientId*" -and $_.status -eq 200 }).Count | Should -BeGreaterThan 0
        ($warnings -join "`n") | Should -Match 'AZURE_POD_IDENTITY_AUTHORITY_HOST'
    }

    It 'signs in with workload identity from AZURE_FEDERATED_TOKEN_FILE (AKS, GitHub Actions) and names the source' {
        $credential = ($scenario.azure.resources | Where-Object id -Like '*/federatedIdentityCredentials/github-contoso-app-main').body.properties
        $file = Join-Path ([IO.Path]::GetTempPath()) "astro-federated-$([guid]::NewGuid()).jwt"
        Set-Content -Path $file -Value (New-FederatedToken $credential.issuer $credential.subject) -NoNewline
        try {
            $env:AZURE_FEDERATED_TOKEN_FILE = $file
            $env:AZURE_CLIENT_ID = $scenario.azure.managedIdentity.userAssigned[0].clientId
            $env:AZURE_TENANT_ID = $tenant.id
            $context = Connect-AstroAzure @custom -WarningAction SilentlyContinue
            $context.AuthMethod | Should -Be 'Default (WorkloadIdentity)'
            $context.Account | Should -Be $env:AZURE_CLIENT_ID
        }
        finally { Remove-Item $file }
    }

    It 'signs in with a device code and shows the code as a warning' {
        $context = Connect-AstroAzure -UseDeviceAuthentication -TenantId $tenant.id @custom -WarningVariable warnings -WarningAction SilentlyContinue
        $context.AuthMethod | Should -Be 'DeviceCode'
        $context.Account | Should -Be $tenant.users[0].userPrincipalName
        ($warnings -join "`n") | Should -Match 'enter the code [0-9A-F]{8} to authenticate'
    }

    It 'signs in with a password-protected certificate and never shows the password' {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=astro-network-ci', $rsa,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $certificate = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddMinutes(-5), [DateTimeOffset]::UtcNow.AddDays(1))
        $seed = Get-EmulatorScenario
        $app = $seed.azure.tenants[0].apps[0]
        $app.certificateThumbprint = $certificate.Thumbprint
        $app | Add-Member -NotePropertyName certificate -NotePropertyValue ([Convert]::ToBase64String($certificate.RawData))
        Invoke-RestMethod -Method Post -Uri "${emulator}_emulator/scenario" -Body ($seed | ConvertTo-Json -Depth 50) -ContentType 'application/json' | Out-Null
        $password = 'pfx-password-not-to-show'
        $pfx = Join-Path ([IO.Path]::GetTempPath()) "astro-sp-$([guid]::NewGuid()).pfx"
        [IO.File]::WriteAllBytes($pfx, $certificate.Export('Pfx', $password))
        try {
            $context = Connect-AstroAzure -TenantId $tenant.id -ClientId $app.clientId -CertificatePath $pfx `
                -CertificatePassword (ConvertTo-SecureString $password -AsPlainText -Force) @custom -Verbose -WarningAction SilentlyContinue 4>&1 |
                Tee-Object -Variable stream | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            $context.AuthMethod | Should -Be 'ClientCertificate'
            $context.Account | Should -Be $app.clientId
            ($stream | Out-String) | Should -Not -Match $password
        }
        finally { Remove-Item $pfx }
    }
}
