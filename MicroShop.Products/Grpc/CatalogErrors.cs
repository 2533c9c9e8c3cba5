using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace MicroShop.Products.Grpc;

// The catalog's failures as gRPC statuses; validation carries a google.rpc.BadRequest with one violation per field.
public static class CatalogErrors
{
    public static RpcException InvalidArgument(IEnumerable<ValidationError> errors) =>
        new Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "The request is not valid.",
            Details =
            {
                Any.Pack(new BadRequest
                {
                    FieldViolations =
                    {
                        errors.Select(error => new BadRequest.Types.FieldViolation
                        {
                            Field = error.Field,
                            Description = error.Description,
                        }),
                    },
                }),
            },
        }.ToRpcException();

    public static RpcException ProductNotFound(ObjectId id) =>
        new Status { Code = (int)Code.NotFound, Message = $"Product {id} was not found." }.ToRpcException();

    public static RpcException VersionMismatch(ObjectId id, long expectedVersion) =>
        new Status
        {
            Code = (int)Code.Aborted,
            Message = $"Product {id} is no longer at version {expectedVersion}: read it again and reapply the change.",
        }.ToRpcException();

    public static RpcException InsufficientStock(ObjectId id, StockAdjustment adjustment) =>
        new Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = $"Product {id} does not have the stock for an adjustment of {adjustment.Delta}: stock cannot go below zero.",
        }.ToRpcException();
}
