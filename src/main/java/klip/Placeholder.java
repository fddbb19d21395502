package klip;
class Placeholder {}
