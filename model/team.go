package model

// Role is a part a person plays in the crisis team.
type Role string

// The roles a crisis plan assigns.
const (
	RoleLead         Role = "lead"
	RoleSpokesperson Role = "spokesperson"
	RoleLegal        Role = "legal"
	RoleSocial       Role = "social"
	RoleService      Role = "service"
	RoleExecutive    Role = "executive"
)

// Roles lists the roles in display order.
var Roles = []Role{RoleLead, RoleSpokesperson, RoleLegal, RoleSocial, RoleService, RoleExecutive}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Person is a member of the crisis team.
type Person struct {
	Name    string
	Roles   []Role
	Contact string // phone, WeChat id, or both
	Note    string // what to call them for
}

// Has reports whether the person plays role r.
func (p *Person) Has(r Role) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Actor is whoever performs an action, with the roles they act in.
type Actor struct {
	Name  string
	Roles []Role
}

// Has reports whether the actor acts in role r.
func (a Actor) Has(r Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}
