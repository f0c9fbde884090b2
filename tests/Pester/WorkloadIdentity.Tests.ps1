# Workload identity: federated credentials on a user-assigned managed identity for a Deployment.
BeforeAll {
    Import-Module $env:ASTRO_TEST_MODULE -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $scenario = Get-EmulatorScenario
    $identities = '/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities'
    $uami = "$identities/uami-astro"
    $crowded = "$identities/uami-crowded"
    $uamiInfo = $scenario.azure.managedIdentity.userAssigned | Where-Object resourceId -eq $uami
    $etl = $scenario.astro.organizations[0].deployments | Where-Object name -eq 'etl'
    $ns = $etl.namespace
    Reset-Emulator
    Connect-TestAstro | Out-Null
    Connect-TestAzure | Out-Null
    function Get-Fic([string] $Identity) {
        @(Get-EmulatorArmList -Path "$Identity/federatedIdentityCredentials" -ApiVersion '2023-01-31')
    }
}

Describe 'Grant-AstroWorkloadIdentity' {
    It 'plans with -WhatIf and writes nothing' {
        Clear-EmulatorRequest
        $plan = Get-AstroDeployment -Name etl | Grant-AstroWorkloadIdentity -IdentityResourceId $uami -WhatIf
        $plan.WhatIf | Should -BeTrue
        $plan.Credentials.Status | Select-Object -Unique | Should -Be 'WouldCreate'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'creates the four credentials Astro documents, with the exact issuer and subjects' {
        $before = Get-Fic $uami
        $grant = Get-AstroDeployment -Name etl | Grant-AstroWorkloadIdentity -IdentityResourceId $uami
        $grant.Changed | Should -BeTrue
        $grant.ClientId | Should -Be $uamiInfo.clientId
        $grant.TenantId | Should -Be $scenario.azure.managedIdentity.tenantId
        $grant.Credentials.Workload | Sort-Object | Should -Be @('kpo', 'scheduler', 'triggerer', 'worker')
        $after = Get-Fic $uami
        $after.Count | Should -Be ($before.Count + 4)
        $mine = $after | Where-Object { $_.properties.issuer -eq $etl.oidcIssuerUrl -and $_.properties.subject -like "system:serviceaccount:${ns}:*" }
        $mine.properties.subject | Sort-Object | Should -Be @(
            "system:serviceaccount:${ns}:${ns}-kpo"
            "system:serviceaccount:${ns}:${ns}-scheduler-serviceaccount"
            "system:serviceaccount:${ns}:${ns}-triggerer-serviceaccount"
            "system:serviceaccount:${ns}:${ns}-worker-serviceaccount")
        $mine.properties.audiences | Select-Object -Unique | Should -Be 'api://AzureADTokenExchange'
    }

    It 'writes nothing on a second run' {
        Clear-EmulatorRequest
        $again = Grant-AstroWorkloadIdentity -DeploymentId $etl.id -IdentityResourceId $uami
        $again.Changed | Should -BeFalse
        $again.Credentials.Status | Select-Object -Unique | Should -Be 'AlreadyExisted'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'shows which Deployments the identity trusts' {
        $all = Get-AstroWorkloadIdentity -IdentityResourceId $uami
        ($all | Where-Object DeploymentName -eq 'etl').Count | Should -Be 4
        ($all | Where-Object DeploymentName -eq 'reporting').Count | Should -BeGreaterThan 0
        @($all | Where-Object { -not $_.DeploymentName }).Count | Should -BeGreaterThan 0
    }

    It 'fails before any write when the identity has no room for the credentials' {
        Clear-EmulatorRequest
        (Get-Fic $crowded).Count | Should -Be 18
        Grant-AstroWorkloadIdentity -DeploymentId $etl.id -IdentityResourceId $crowded -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'FederatedCredentialLimitExceeded*'
        $err[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $err[0].Exception.Message | Should -Match '20'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
        (Get-Fic $crowded).Count | Should -Be 18
    }

    It 'rejects an identity ID of another type before any request' {
        Clear-EmulatorRequest
        $storage = Get-SeededResource 'Microsoft.Storage/storageAccounts'
        Grant-AstroWorkloadIdentity -DeploymentId $etl.id -IdentityResourceId $storage -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'WrongResourceType*'
        @(Get-EmulatorRequest).Count | Should -Be 0
    }
}

Describe 'Remove-AstroWorkloadIdentity' {
    It 'plans with -WhatIf and writes nothing' {
        Clear-EmulatorRequest
        $plan = Remove-AstroWorkloadIdentity -DeploymentId $etl.id -IdentityResourceId $uami -WhatIf
        $plan.Credentials.Status | Select-Object -Unique | Should -Be 'WouldRemove'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }

    It 'removes only that Deployment''s credentials' {
        $others = Get-Fic $uami | Where-Object { $_.properties.subject -notlike "system:serviceaccount:${ns}:*" }
        $removed = Get-AstroDeployment -Name etl | Remove-AstroWorkloadIdentity -IdentityResourceId $uami
        $removed.Credentials.Count | Should -Be 4
        $left = Get-Fic $uami
        $left.Count | Should -Be $others.Count
        foreach ($o in $others) { $left.name | Should -Contain $o.name }
        Clear-EmulatorRequest
        (Remove-AstroWorkloadIdentity -DeploymentId $etl.id -IdentityResourceId $uami).Changed | Should -BeFalse
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }
}

# The scenario's payments Deployment has drOidcIssuerUrl: its pods sign in from the DR cluster after a failover.
Describe 'Workload identity for a Deployment with disaster recovery' {
    BeforeAll {
        Reset-Emulator
        $payments = $scenario.astro.organizations[0].deployments | Where-Object name -eq 'payments'
    }

    It 'creates a credential per component for the DR issuer too' {
        $grant = Grant-AstroWorkloadIdentity -DeploymentId $payments.id -IdentityResourceId $uami
        $grant.DrIssuer | Should -Be $payments.drOidcIssuerUrl
        $grant.Credentials.Count | Should -Be 8
        $dr = @($grant.Credentials | Where-Object DisasterRecovery)
        $dr.Count | Should -Be 4
        $dr.Issuer | Select-Object -Unique | Should -Be $payments.drOidcIssuerUrl
        $dr.Name | Should -Contain "$($payments.namespace)-worker-dr"
        $stored = Get-Fic $uami | Where-Object name -eq "$($payments.namespace)-worker-dr"
        $stored.properties.issuer | Should -Be $payments.drOidcIssuerUrl
    }

    It 'lists and removes the DR credentials with the Deployment''s' {
        @(Get-AstroWorkloadIdentity -IdentityResourceId $uami -DeploymentId $payments.id | Where-Object DisasterRecovery).Count | Should -Be 4
        (Remove-AstroWorkloadIdentity -DeploymentId $payments.id -IdentityResourceId $uami).Credentials.Count | Should -Be 8
        @(Get-Fic $uami | Where-Object name -like "$($payments.namespace)-*").Count | Should -Be 0
    }

    It 'counts the DR credentials against the 20 per identity' {
        Clear-EmulatorRequest
        Grant-AstroWorkloadIdentity -DeploymentId $payments.id -IdentityResourceId $crowded -Workload worker, kpo -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'FederatedCredentialLimitExceeded*'
        $err[0].Exception.Message | Should -Match 'needs 4 more'
        @(Get-EmulatorRequest -WritesOnly).Count | Should -Be 0
    }
}
