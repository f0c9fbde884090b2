using System;
using System.Reflection;
using System.Reflection.Emit;

namespace Astro.Network.RuntimeHosts
{
    /// <summary>
    /// The engine's services take an Astro.Network.Engine.IOperationLog. The host has no compile-time reference to the
    /// engine, so it emits a class implementing that interface at run time; every message goes to <see cref="Write"/>.
    /// </summary>
    public static class OperationLog
    {
        public static void Write(string message) => Console.WriteLine("    | " + message);

        public static void Progress(string activity, string status, int percentComplete)
        {
            if (percentComplete >= 100) Write($"{activity}: {status}");
        }

        public static object Create(Type logInterface)
        {
            var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Astro.Network.RuntimeHost.Log"), AssemblyBuilderAccess.Run);
            var type = assembly.DefineDynamicModule("Log").DefineType("HostLog", TypeAttributes.Public | TypeAttributes.Sealed);
            type.AddInterfaceImplementation(logInterface);
            foreach (var method in logInterface.GetMethods())
            {
                var parameters = Array.ConvertAll(method.GetParameters(), p => p.ParameterType);
                var impl = type.DefineMethod(method.Name, MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig,
                    method.ReturnType, parameters);
                var il = impl.GetILGenerator();
                for (var i = 1; i <= parameters.Length; i++) il.Emit(OpCodes.Ldarg, i);
                // Verbose/Warning(string) -> Write(string); Progress(string, string, int) -> Progress(...).
                il.Emit(OpCodes.Call, typeof(OperationLog).GetMethod(parameters.Length == 1 ? nameof(Write) : nameof(Progress))!);
                il.Emit(OpCodes.Ret);
                type.DefineMethodOverride(impl, method);
            }
            return Activator.CreateInstance(type.CreateTypeInfo()!.AsType())!;
        }
    }
}
