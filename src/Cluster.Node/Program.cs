using Cluster.Node.Hosting;

return await NodeHost.RunAsync(args);
