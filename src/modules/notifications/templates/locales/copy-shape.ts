/** The shape of one locale's copy: the English source's namespaces and keys, each a string. */
export type CopyShape<Source> = { [Namespace in keyof Source]: { [Key in keyof Source[Namespace]]: string } };
