/** The customer search as the address asks for it (`?name=&email=&phone=&postcode=`), each part trimmed. */
export function customerSearchOf(url: URL) {
  const part = (name: string) => url.searchParams.get(name)?.trim() ?? "";
  return { name: part("name"), email: part("email"), phone: part("phone"), postcode: part("postcode") };
}

/** Only the parts filled in: the API matches on what it is given. */
export function filledIn(search: ReturnType<typeof customerSearchOf>): Partial<ReturnType<typeof customerSearchOf>> {
  return Object.fromEntries(Object.entries(search).filter(([, v]) => v));
}
