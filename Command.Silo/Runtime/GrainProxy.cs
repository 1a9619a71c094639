using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Command.Abstractions.Runtime;

namespace Command.Silo.Runtime;

/// <summary>
/// A grain reference: calls on the interface become turns on the activation. Per method, the dispatch is compiled
/// once into a delegate, so a call costs a closure and a lock, not reflection.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<MethodInfo, Func<GrainCatalog, GrainId, object?[], object>> dispatchers = new();

    private GrainCatalog catalog = null!;
    private GrainId id;
    private ILogger logger = null!;

    internal static T Create<T>(GrainCatalog catalog, GrainId id, ILogger logger) where T : IGrainWithStringKey
    {
        var proxy = Create<T, GrainProxy>();
        var self = (GrainProxy)(object)proxy!;
        self.catalog = catalog;
        self.id = id;
        self.logger = logger;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Name switch
            {
                nameof(ToString) => id.ToString(),
                nameof(GetHashCode) => id.GetHashCode(),
                _ => throw new NotSupportedException(targetMethod.Name),
            };
        }
        return dispatchers.GetOrAdd(targetMethod, Compile)(catalog, id, args ?? []) switch
        {
            Task task when targetMethod.IsDefined(typeof(OneWayAttribute)) => Detach(task),
            var result => result,
        };
    }

    private Task Detach(Task call)
    {
        _ = call.ContinueWith(
            t => logger.LogWarning(t.Exception, "One-way call to {Grain} failed", id),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    private static Func<GrainCatalog, GrainId, object?[], object> Compile(MethodInfo method)
    {
        if (!typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            throw new NotSupportedException($"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.");
        }
        bool oneWay = method.IsDefined(typeof(OneWayAttribute));
        var resultType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(bool);
        var invoke = CompileInvoker(method, resultType);
        var run = typeof(GrainProxy).GetMethod(nameof(Run), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(resultType);
        return (Func<GrainCatalog, GrainId, object?[], object>)run.Invoke(null, [invoke, oneWay])!;
    }

    private static Func<GrainCatalog, GrainId, object?[], object> Run<T>(Func<Grain, object?[], Task<T>> invoke, bool oneWay) =>
        (catalog, id, args) => catalog.RunAsync(id, grain => invoke(grain, args), detached: oneWay);

    /// <summary>Builds (grain, args) => ((TInterface)grain).Method((T0)args[0], …), adapting a plain Task to Task&lt;bool&gt;.</summary>
    private static Delegate CompileInvoker(MethodInfo method, Type resultType)
    {
        var grain = Expression.Parameter(typeof(Grain), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        if (!method.ReturnType.IsGenericType)
        {
            call = Expression.Call(typeof(GrainProxy).GetMethod(nameof(AsBoolTask), BindingFlags.NonPublic | BindingFlags.Static)!, call);
        }
        var delegateType = typeof(Func<,,>).MakeGenericType(typeof(Grain), typeof(object?[]), typeof(Task<>).MakeGenericType(resultType));
        return Expression.Lambda(delegateType, call, grain, args).Compile();
    }

    private static async Task<bool> AsBoolTask(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
