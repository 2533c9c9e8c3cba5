using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MicroShop.Gateway.Security;

// The OpenAPI document declares the bearer scheme, and each operation the policy its route names: Scalar then offers to
// send a token, and a client generator knows which calls need one.
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT whose `sub` is the user; the `admin` role is shop staff (README, \"Security\").",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<IAuthorizeData>().Select(data => data.Policy).ToList();
        if (metadata.OfType<IAllowAnonymous>().Any() || policies.Count == 0)
        {
            return Task.CompletedTask;
        }

        // OpenAPI 3.1 lets a non-OAuth requirement list the roles it needs.
        var adminOnly = policies.Contains(AccessPolicies.Admin);
        List<string> roles = adminOnly ? [AccessPolicies.AdminRole] : [];
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = roles });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No bearer token, or one that is not valid (problem+json)." });
        if (adminOnly)
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's user does not have the admin role (problem+json)." });
        }

        return Task.CompletedTask;
    }
}
