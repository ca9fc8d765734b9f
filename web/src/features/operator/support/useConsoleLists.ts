import { useEffect, useState } from "react";
import { operatorApi, type Product } from "../api.ts";
import { type Agent, supportOperatorApi } from "./api.ts";

/** The agents (every operator), for the assignee filter and the ticket's assignee select. */
export function useAgents(): Agent[] {
  const [agents, setAgents] = useState<Agent[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    supportOperatorApi
      .agents(controller.signal)
      .then((r) => setAgents(r.items))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return agents;
}

/** The catalogue's products, for the product filter. */
export function useProducts(): Product[] {
  const [products, setProducts] = useState<Product[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    operatorApi
      .products(controller.signal)
      .then((r) => setProducts(r.products))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return products;
}
