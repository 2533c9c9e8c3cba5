using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MicroShop.Gateway.Problems;

// The Gateway answers JSON only, its errors included: the default writer declines a client whose Accept header leaves
// out JSON (application/xml, text/html;q=1, application/json;q=0), and the framework would then answer in plain text.
// Registered after the default writer, this one writes the problem for those clients.
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            context.ProblemDetails, JsonSerializerOptions.Web, "application/problem+json"));
    }
}
